// Writes and reads the YAML front matter of an exported .mdx file (each value is JSON, which is valid YAML).
import type { LessonMeta } from './lesson';

// `sidebar_position` repeats `order` under the name Docusaurus reads; `date` is what blogs sort and label posts by.
const KEYS = ['title', 'description', 'tags', 'date', 'order', 'sidebar_position', 'slug', 'source'] as const;

/** The `---` block that starts every exported .mdx: title, description, tags, date, order, slug and source notebook. */
export function writeFrontmatter(meta: LessonMeta): string {
  const order = meta.order === Number.MAX_SAFE_INTEGER ? undefined : meta.order;
  const values: Record<string, unknown> = { ...meta, order, sidebar_position: order };
  const lines = KEYS.filter((k) => values[k] !== undefined).map((k) => `${k}: ${JSON.stringify(values[k])}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

/** Splits an exported .mdx into its front matter and body; only the format writeFrontmatter writes is read. */
export function readFrontmatter(mdx: string): { meta: LessonMeta; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  if (!m) throw new Error('the .mdx file does not start with a --- front matter block');
  const fields: Record<string, unknown> = {};
  for (const line of m[1].split('\n')) {
    const kv = /^([a-z_]+): (.*)$/.exec(line);
    if (!kv) throw new Error(`front matter line is not "key: <JSON value>": ${line}`);
    fields[kv[1]] = JSON.parse(kv[2]);
  }
  const str = (k: string) => {
    if (typeof fields[k] !== 'string') throw new Error(`front matter needs a string "${k}"`);
    return fields[k] as string;
  };
  return {
    meta: {
      title: str('title'),
      description: str('description'),
      tags: Array.isArray(fields.tags) ? fields.tags.map(String) : [],
      ...(typeof fields.date === 'string' ? { date: fields.date } : {}),
      order: typeof fields.order === 'number' ? fields.order : Number.MAX_SAFE_INTEGER,
      slug: str('slug'),
      source: str('source'),
    },
    body: mdx.slice(m[0].length),
  };
}
