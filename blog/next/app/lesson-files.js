// The lessons in content/lessons/: their slugs, and their modules (MDX content and front matter).
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function lessonSlugs() {
  return readdirSync(path.join(process.cwd(), 'content', 'lessons'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.replace(/\.mdx$/, ''));
}

export async function loadLesson(slug) {
  return import(`../content/lessons/${slug}.mdx`);
}
