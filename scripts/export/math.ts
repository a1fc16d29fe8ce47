// Typesets math with KaTeX, once per formula: a memoised typesetter, and the rehype step that swaps formulas for their HTML's placeholders.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import katex from 'katex';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { slotFor, slotNumber } from './html-slots';

/** KaTeX settings for every page: lessons, quiz, cheatsheet. No `\href` and friends (trust: false). */
export const KATEX_OPTIONS = { strict: 'ignore', trust: false, output: 'htmlAndMathml' } as const;

export interface Typeset {
  html: string;
  /** Why KaTeX could not typeset the TeX (the HTML then shows the source in red, as KaTeX does). */
  error?: string;
}

const memo = new Map<string, Typeset>();

/**
 * KaTeX's HTML for `tex`, memoised: a lesson's math is checked when its MDX is written, typeset for its page, and
 * the quiz repeats lesson 13's answers, so each formula is typeset once per thread.
 */
export function typeset(tex: string, displayMode: boolean): Typeset {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  let out = memo.get(key);
  if (!out) {
    try {
      out = { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode, throwOnError: true }) };
    } catch (err) {
      const error = (err as Error).message;
      try {
        out = { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode, throwOnError: false }), error };
      } catch {
        // KaTeX throws some errors even with throwOnError off; show the source as its own error markup does.
        const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        out = { html: `<span class="katex-error" style="color:#cc0000" title="${escape(error)}">${escape(tex)}</span>`, error };
      }
    }
    memo.set(key, out);
  }
  return out;
}

declare module 'vfile' {
  interface DataMap {
    /** The TeX of each formula on the page, by its placeholder's number (html-slots.ts). */
    math: Record<number, string>;
  }
}

/**
 * A rehype step in place of rehype-katex: each formula (`$...$`, `$$...$$`, ```` ```math ````: the classes remark-math
 * gives them) is typeset and replaced by a placeholder for KaTeX's HTML (html-slots.ts).
 */
export function rehypeMathSlots() {
  return (tree: HastRoot, file: VFile) => {
    const math = (file.data.math ??= {});
    const classesOf = (el: Element) => (Array.isArray(el.properties.className) ? el.properties.className : []);
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined) return;
      const code = element.tagName === 'pre' && element.children.length === 1 && element.children[0].type === 'element' ? element.children[0] : undefined;
      let displayMode: boolean;
      if (code && code.tagName === 'code' && classesOf(code).includes('language-math')) displayMode = true; // ```math and $$ blocks: the <pre> goes
      else if (['language-math', 'math-display', 'math-inline'].some((c) => classesOf(element).includes(c))) displayMode = classesOf(element).includes('math-display');
      else return;
      const tex = hastToString(element);
      const result = typeset(tex, displayMode);
      if (result.error) file.message(`Could not render math with KaTeX: ${result.error}`, { place: element.position, source: 'math' });
      const slot = slotFor(file, result.html);
      math[slotNumber(slot) as number] = tex;
      parent.children.splice(index, 1, slot as ElementContent);
      return [SKIP, index + 1];
    });
  };
}
