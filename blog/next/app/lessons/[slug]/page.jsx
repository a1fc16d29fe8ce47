// One lesson page per exported .mdx (its file name is its slug), rendered at build time.
import { lessonSlugs, loadLesson } from '../../lesson-files';

export const dynamicParams = false;

export function generateStaticParams() {
  return lessonSlugs().map((slug) => ({ slug }));
}

export async function generateMetadata({ params }) {
  const { frontmatter } = await loadLesson((await params).slug);
  return { title: frontmatter.title, description: frontmatter.description };
}

export default async function Lesson({ params }) {
  const { default: Content, frontmatter } = await loadLesson((await params).slug);
  return (
    <article>
      <h1>{frontmatter.title}</h1>
      <Content />
    </article>
  );
}
