// The lessons collection: every exported .mdx in src/content/lessons; its `slug` front matter becomes the entry id.
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/lessons' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()).default([]),
    date: z.coerce.date(),
    order: z.number().optional(),
    source: z.string().optional(),
  }),
});

export const collections = { lessons };
