// Builds the MDX syntax-tree nodes the exporter writes: component elements with typed attributes, and ESM imports.
import type { BlockContent, DefinitionContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxjsEsm } from 'mdast-util-mdx';

/** An attribute value: text, a number, `true` (a bare attribute), or a reference to an imported identifier. */
export type AttrValue = string | number | boolean | { identifier: string } | undefined;

/** Characters a quoted JSX attribute can hold as they are; anything else goes in as a JavaScript string literal. */
const PLAIN = /^[A-Za-z0-9 _.,:;()\-/+=*#@!?%'[\]]*$/;

function attribute(name: string, value: Exclude<AttrValue, undefined | false>): MdxJsxAttribute {
  if (value === true) return { type: 'mdxJsxAttribute', name, value: null };
  if (typeof value === 'object') return { type: 'mdxJsxAttribute', name, value: { type: 'mdxJsxAttributeValueExpression', value: value.identifier } };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`attribute ${name}: expected a finite number, got ${value}`);
    return { type: 'mdxJsxAttribute', name, value: { type: 'mdxJsxAttributeValueExpression', value: String(value) } };
  }
  if (PLAIN.test(value)) return { type: 'mdxJsxAttribute', name, value };
  // A JSON string is a valid JavaScript string literal: the text arrives byte for byte and can never become code.
  return { type: 'mdxJsxAttribute', name, value: { type: 'mdxJsxAttributeValueExpression', value: JSON.stringify(value) } };
}

/** `<Name a="..." b={...}>children</Name>` as a block element; undefined and false attributes are left out. */
export function element(name: string, attrs: Record<string, AttrValue>, children: (BlockContent | DefinitionContent)[] = []): MdxJsxFlowElement {
  const attributes = Object.entries(attrs)
    .filter((e): e is [string, Exclude<AttrValue, undefined | false>] => e[1] !== undefined && e[1] !== false)
    .map(([k, v]) => attribute(k, v));
  return { type: 'mdxJsxFlowElement', name, attributes, children };
}

/** One `import id from './assets/...'` line per asset, in the order the cells use them, as a single ESM block. */
export function importsBlock(imports: Map<string, string>): MdxjsEsm | undefined {
  if (imports.size === 0) return undefined;
  const lines = [...imports].map(([id, spec]) => `import ${id} from ${JSON.stringify(spec)}`);
  return { type: 'mdxjsEsm', value: lines.join('\n') };
}
