// Picks the smallest official plotly.js bundle that draws every trace type the site's charts use (basic, cartesian, or the full build).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { plotlySource } from '../../lib/plot/show';

const require = createRequire(import.meta.url);

export interface PlotlyBundle {
  /** The npm package, e.g. `plotly.js-cartesian-dist-min`. */
  pkg: string;
  /** Its file inside the package. */
  file: string;
}

/**
 * Plotly's official bundles, smallest first (3.7.0, minified: basic 1.12 MB, cartesian 1.42 MB, full 4.9 MB). The
 * trace types each one draws are read from the bundle itself, so an upgrade that moves a type between bundles is seen.
 */
export const PLOTLY_BUNDLES: PlotlyBundle[] = [
  { pkg: 'plotly.js-basic-dist-min', file: 'plotly-basic.min.js' },
  { pkg: 'plotly.js-cartesian-dist-min', file: 'plotly-cartesian.min.js' },
  { pkg: 'plotly.js-dist', file: 'plotly.js' },
];

function bundlePath(b: PlotlyBundle): string {
  return path.join(path.dirname(require.resolve(`${b.pkg}/package.json`)), b.file);
}

const tracesCache = new Map<string, Set<string>>();

/** The trace types a bundle registers (its `moduleType: "trace", name: "..."` modules). */
export function bundleTraceTypes(b: PlotlyBundle): Set<string> {
  const file = bundlePath(b);
  let types = tracesCache.get(file);
  if (!types) {
    const text = readFileSync(file, 'utf8');
    types = new Set([...text.matchAll(/moduleType:\s*"trace",\s*name:\s*"([a-z0-9]+)"/g)].map((m) => m[1]));
    tracesCache.set(file, types);
  }
  return types;
}

/** The trace types of one Plotly figure (`{data: [...]}`); a trace without `type` is a scatter, as Plotly says. */
export function figureTraceTypes(figure: unknown): string[] {
  const data = typeof figure === 'object' && figure !== null ? (figure as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return [];
  return data.map((t) => (typeof t === 'object' && t !== null && typeof (t as { type?: unknown }).type === 'string' ? (t as { type: string }).type : 'scatter'));
}

/** Every trace type in the chart JSON files under `<mdxDir>/assets/<lesson>/` (what the site's pages embed). */
export function siteTraceTypes(mdxDir: string): Set<string> {
  const types = new Set<string>();
  const assets = path.join(mdxDir, 'assets');
  if (!existsSync(assets)) return types;
  for (const lesson of readdirSync(assets)) {
    const dir = path.join(assets, lesson);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.json')) continue;
      for (const t of figureTraceTypes(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))) types.add(t);
    }
  }
  return types;
}

/** The first (smallest) bundle that draws all of `types`; the full build when none of the partial ones does. */
export function pickBundle(types: Iterable<string>): PlotlyBundle {
  const wanted = [...types];
  return PLOTLY_BUNDLES.find((b) => wanted.every((t) => bundleTraceTypes(b).has(t))) ?? PLOTLY_BUNDLES[PLOTLY_BUNDLES.length - 1];
}

/** The bundle's minified source (the full build is minified once and cached, see lib/plot/show.ts). */
export function bundleSource(b: PlotlyBundle): Buffer | string {
  return b.pkg === 'plotly.js-dist' ? plotlySource() : readFileSync(bundlePath(b));
}
