// Sanitizes HTML and SVG from notebook outputs: allow-listed tags and attributes, no scripts, handlers, javascript: or external loads.
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { find, svg as svgSchema } from 'property-information';

/** SVG elements kept; anything that can run or pull in content (script, foreignObject, image, animate, set...) is not. */
const SVG_TAGS = [
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'stop', 'filter',
  'feGaussianBlur', 'feOffset', 'feBlend', 'feColorMatrix', 'feMerge', 'feMergeNode', 'feFlood', 'feComposite',
];

/** SVG attributes kept (as written in markup); converted to hast property names below. */
const SVG_ATTRIBUTES = [
  'id', 'class', 'style', 'transform', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'marker-start', 'marker-mid', 'marker-end',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'patternUnits', 'patternContentUnits', 'patternTransform',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'fx', 'fy', 'offset', 'stop-color', 'stop-opacity',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'text-anchor', 'dominant-baseline', 'alignment-baseline',
  'baseline-shift', 'letter-spacing', 'word-spacing', 'text-decoration', 'writing-mode', 'vector-effect', 'shape-rendering',
  'text-rendering', 'image-rendering', 'color-interpolation-filters', 'filter', 'filterUnits', 'primitiveUnits', 'in', 'in2',
  'result', 'stdDeviation', 'mode', 'type', 'values', 'operator', 'k1', 'k2', 'k3', 'k4', 'flood-color', 'flood-opacity',
  'href', 'xlink:href', 'xmlns', 'xmlns:xlink', 'version', 'role', 'aria-label', 'aria-hidden', 'focusable', 'xml:space',
];
const svgProperties = SVG_ATTRIBUTES.map((a) => find(svgSchema, a).property);

/** HTML attributes kept on every element, besides defaultSchema's `*` list. */
const EXTRA_GLOBAL = ['className', 'style', 'title', 'role', 'ariaLabel', 'ariaHidden', 'dataType'];

function buildSchema(): Schema {
  const base = defaultSchema;
  const attributes: NonNullable<Schema['attributes']> = {};
  for (const [tag, list] of Object.entries(base.attributes ?? {})) attributes[tag] = [...list];
  attributes['*'] = [...(attributes['*'] ?? []), ...EXTRA_GLOBAL];
  attributes.img = ['src', 'alt', 'width', 'height', 'title'];
  attributes.a = ['href', 'title'];
  attributes.code = ['className'];
  for (const tag of SVG_TAGS) attributes[tag] = [...new Set([...(attributes[tag] ?? []), ...svgProperties])];
  const tagNames = [...new Set([
    ...(base.tagNames ?? []).filter((t) => t !== 'input'),
    'span', 'div', 'figure', 'figcaption', 'caption', 'colgroup', 'col', 'small', 'mark', 'abbr', 'u', 'center', 'font',
    ...SVG_TAGS,
  ])];
  return {
    ...base,
    tagNames,
    attributes,
    // Links may go out (a reader follows them by choice); nothing else may point anywhere but inside the page.
    protocols: { href: ['http', 'https', 'mailto'], src: ['data'], cite: ['http', 'https'], longDesc: ['http', 'https'] },
    strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'math'],
    required: {},
    ancestors: { ...base.ancestors },
  };
}

const SCHEMA = buildSchema();
/** A standalone SVG file is its own document: its ids cannot clash with the page's, so they are kept as they are. */
const SVG_FILE_SCHEMA: Schema = { ...SCHEMA, clobber: [] };
const CLOBBER = SCHEMA.clobberPrefix ?? 'user-content-';

const RASTER_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;
/** CSS that could load something or run something: url(), @import, image-set, legacy expression() and bindings. */
const UNSAFE_CSS = /url\s*\(|@import|image-set|expression\s*\(|-moz-binding|behavior\s*:|javascript:|\\|position\s*:\s*(?:fixed|sticky)/i;

function keepUrl(key: string, value: string): boolean {
  const v = value.trim();
  if (key === 'src') return RASTER_DATA_URL.test(v);
  // SVG references: only to ids inside the same document.
  if (key === 'xLinkHref') return v.startsWith('#');
  return true;
}

/** An image whose source was removed would show as a broken-image icon: it goes. */
const brokenImage = (n: Nodes): boolean => n.type === 'element' && n.tagName === 'img' && typeof n.properties.src !== 'string';

/** Second line of defence after hast-util-sanitize: URL, CSS and handler checks on every element that is left. */
function scrub(node: Nodes, inSvg: boolean, clobbered: boolean): void {
  if (node.type !== 'root' && node.type !== 'element') return;
  if (node.type === 'element') {
    const el: Element = node;
    const svg = inSvg || el.tagName === 'svg';
    for (const key of Object.keys(el.properties)) {
      let value = el.properties[key];
      if (clobbered && typeof value === 'string' && key !== 'id' && value.includes('#')) {
        // Ids got the clobber prefix; references to them inside the fragment follow.
        if (key === 'href' || key === 'xLinkHref') value = value.replace(/^(\s*)#(?!user-content-)/, `$1#${CLOBBER}`);
        value = el.properties[key] = value.replace(/url\(\s*(['"]?)#(?!user-content-)/gi, `url($1#${CLOBBER}`);
      }
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      if (/^on/i.test(key)) delete el.properties[key];
      else if (key === 'href' && svg && !text.trim().startsWith('#')) delete el.properties[key];
      else if ((key === 'href' || key === 'src' || key === 'xLinkHref' || key === 'cite' || key === 'longDesc') && !keepUrl(key, text)) delete el.properties[key];
      else if (key === 'href' && !/^(?:https?:|mailto:|#)/i.test(text.trim())) delete el.properties[key];
      else if (key === 'style' && UNSAFE_CSS.test(text)) delete el.properties[key];
      else if (svg && /url\s*\(/i.test(text) && !/^\s*url\s*\(\s*['"]?#[^)]*\)\s*$/i.test(text)) delete el.properties[key];
      else if (key === 'className' && Array.isArray(value)) {
        // Classes that the site's own script or styles act on are reserved for the exporter's components.
        el.properties[key] = value.map(String).filter((c) => !/^(?:nb-|katex|hljs)/.test(c));
      }
    }
    if (el.tagName === 'a' && typeof el.properties.href === 'string' && /^https?:/i.test(el.properties.href)) {
      el.properties.rel = ['noopener', 'noreferrer', 'nofollow'];
      el.properties.target = '_blank';
    }
    for (const child of el.children) scrub(child, svg, clobbered);
    if (el.content) scrub(el.content, svg, clobbered);
    el.children = el.children.filter((c) => !brokenImage(c));
    return;
  }
  for (const child of node.children) scrub(child, inSvg, clobbered);
  node.children = node.children.filter((c) => !brokenImage(c));
}

/** Sanitized HTML from an untrusted HTML fragment (a notebook's text/html output). */
export function sanitizeHtml(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  const clean = sanitize(tree, SCHEMA) as Root;
  scrub(clean, false, true);
  return toHtml(clean).trim();
}

/**
 * A sanitized standalone SVG document from an untrusted image/svg+xml output, or throws when there is no <svg>.
 * The result always carries the SVG namespace so it displays from an <img>.
 */
export function sanitizeSvg(svgText: string): string {
  const tree = fromHtml(svgText.replace(/<\?xml[^>]*\?>/g, '').replace(/<!DOCTYPE[^>[]*(\[[^\]]*\])?>/gi, ''), { fragment: true });
  const clean = sanitize(tree, SVG_FILE_SCHEMA) as Root;
  scrub(clean, false, false);
  const root = clean.children.find((n): n is Element => n.type === 'element' && n.tagName === 'svg');
  if (!root) throw new Error('the SVG output has no <svg> element');
  const { xmlns: _ns, xmlnsXLink, ...rest } = root.properties;
  const xlink = xmlnsXLink !== undefined || toHtml(root).includes('xlink:');
  root.properties = { xmlns: 'http://www.w3.org/2000/svg', ...(xlink ? { xmlnsXLink: 'http://www.w3.org/1999/xlink' } : {}), ...rest };
  return `${toHtml(root, { space: 'svg', closeEmptyElements: true, tightSelfClosing: false })}\n`;
}
