// The list of lessons, in reading order (front matter `order`), each with its summary (`description`).
import Link from 'next/link';
import { lessonSlugs, loadLesson } from './lesson-files';

export default async function Home() {
  const lessons = await Promise.all(lessonSlugs().map(async (slug) => ({ slug, ...(await loadLesson(slug)).frontmatter })));
  lessons.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.slug.localeCompare(b.slug));
  return (
    <>
      <h1>Lessons</h1>
      <ul>
        {lessons.map((l) => (
          <li key={l.slug}>
            <Link href={`/lessons/${l.slug}/`}>{l.title}</Link>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
