// The plain text of rendered HTML (a heading) with KaTeX math read as its TeX source, not as its glyphs twice over.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';

/** The TeX source KaTeX keeps in its MathML annotation. */
function annotation(node: Element): string {
  let tex = '';
  const walk = (n: Element) => {
    if (n.tagName === 'annotation') tex += hastToString(n);
    for (const c of n.children) if (c.type === 'element') walk(c);
  };
  walk(node);
  return tex;
}

/**
 * `<h2>The <span class="katex">…L_2…</span> penalty</h2>` reads "The L_2 penalty": a table of contents entry and a
 * heading id come out as the markdown source reads, where the element's plain text would hold KaTeX's MathML and
 * HTML renderings one after the other. `texOf` gives the TeX of a math placeholder (math.ts), if `el` is one.
 */
export function textWithTex(nodes: readonly (ElementContent | HastRoot['children'][number])[], texOf: (el: Element) => string | undefined = () => undefined): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    if (n.type !== 'element') continue;
    const tex = texOf(n);
    if (tex !== undefined) {
      out += tex;
      continue;
    }
    const cls = Array.isArray(n.properties.className) ? n.properties.className : [];
    if (cls.includes('katex')) {
      out += annotation(n) || hastToString(n);
      continue;
    }
    out += textWithTex(n.children, texOf);
  }
  return out;
}
