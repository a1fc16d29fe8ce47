// Runs compiled MDX and renders a lesson page or the index to static HTML with React (no client-side React on the site).
import { pathToFileURL } from 'node:url';
import { run } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import { components } from '../../site/components';
import { indexPage, lessonPage, type IndexPageProps, type LessonPageProps } from '../../site/layout';
import type { CompiledLesson } from './compile';

/** The lesson body as HTML: the compiled MDX run with the output components. */
export async function renderBody(compiled: CompiledLesson, mdxFile: string): Promise<string> {
  const mod = await run(compiled.code, { ...runtime, baseUrl: pathToFileURL(mdxFile) });
  const Content = mod.default as MDXContent;
  return renderToStaticMarkup(createElement(Content, { components }));
}

export function renderLessonPage(props: LessonPageProps): string {
  return lessonPage(props);
}

export function renderIndexPage(props: IndexPageProps): string {
  return indexPage(props);
}
