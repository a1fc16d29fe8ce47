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
import { fillSlots } from './html-slots';

/** The lesson body as HTML: the compiled MDX run with the output components. */
export async function renderBody(compiled: CompiledLesson, mdxFile: string): Promise<string> {
  const mod = await run(compiled.code, { ...runtime, baseUrl: pathToFileURL(mdxFile) });
  const Content = mod.default as MDXContent;
  // React 19 adds <link rel="preload" as="image"> hints for images it renders; in a static page body they only
  // duplicate the <img> that follows, so they are left out.
  const html = renderToStaticMarkup(createElement(Content, { components })).replace(/<link rel="preload" as="image"[^>]*\/>/g, '');
  return fillSlots(html, compiled.slots);
}

export function renderLessonPage(props: LessonPageProps): string {
  return lessonPage(props);
}

export function renderIndexPage(props: IndexPageProps): string {
  return indexPage(props);
}
