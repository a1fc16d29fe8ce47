// Static HTML kept out of the MDX/JSX/React path: elements become numbered placeholders, and their HTML goes back into the rendered page.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** The HTML of each placeholder on the page, by number. */
    slots: string[];
  }
}

// The hast property, and the attribute React writes for it.
const PROPERTY = 'dataHtmlSlot';
const PLACEHOLDER = /<span data-html-slot="(\d+)"><\/span>/g;

/**
 * An empty `<span data-html-slot="N">` standing for `html`. A typeset formula or a highlighted code block is hundreds
 * of elements; as a placeholder it costs the MDX compiler, the JSX runtime and React one element, which made the
 * export of the lessons twice as fast.
 */
export function slotFor(file: VFile, html: string): Element {
  const slots = (file.data.slots ??= []);
  slots.push(html);
  return { type: 'element', tagName: 'span', properties: { [PROPERTY]: String(slots.length - 1) }, children: [] };
}

/** The placeholder's number when `el` is one. */
export function slotNumber(el: Element): number | undefined {
  const v = el.properties[PROPERTY];
  return v === undefined ? undefined : Number(v);
}

/** Puts each placeholder's HTML back into rendered HTML. */
export function fillSlots(html: string, slots: readonly string[]): string {
  return html.replace(PLACEHOLDER, (all, n: string) => slots[Number(n)] ?? all);
}

/** A rehype step after highlighting: each code block (`<pre>`) becomes a placeholder for its HTML. */
export function rehypeCodeSlots() {
  return (tree: HastRoot, file: VFile) => {
    visit(tree, 'element', (element, index, parent) => {
      if (element.tagName !== 'pre' || !parent || index === undefined) return;
      parent.children.splice(index, 1, slotFor(file, toHtml(element)) as ElementContent);
      return [SKIP, index + 1];
    });
  };
}
