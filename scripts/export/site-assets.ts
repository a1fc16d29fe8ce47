// The site's own static files: its CSS and scripts, KaTeX's CSS with its woff2 fonts, and the smallest plotly.js bundle that draws its charts.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SiteAssets } from '../../site/layout';
import { bundleSource, type PlotlyBundle } from './plotly-bundle';
import { NAV_ASSETS } from '../../site/nav-parts';

import { REPO_ROOT } from './options';

const SITE_SRC = path.join(REPO_ROOT, 'site');

/** Where pages find the shared files, relative to the site root (pages sit at the root, so these work from file://). */
export const SITE_ASSETS: SiteAssets = {
  css: 'assets/site.css',
  js: 'assets/site.js',
  katexCss: 'assets/katex/katex.min.css',
  plotlyJs: 'assets/plotly.min.js',
  chartsJs: 'assets/charts.js',
};

/** Sends old links to a split lesson's anchors to the page that holds them (page-parts.ts); on split lessons' first pages only. */
export const PARTS_JS = 'assets/parts.js';

function katexDist(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
}

/** KaTeX's CSS pointing at woff2 fonts only (every browser that runs the site reads woff2; nothing else is copied). */
export function katexCss(): string {
  const css = readFileSync(path.join(katexDist(), 'katex.min.css'), 'utf8');
  return css.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[a-z]+"\))*/g, 'src:url($1) format("woff2")');
}

/**
 * Every static file of the site, as path (under the site root) -> content producer. plotly.js (the bundle given, see
 * plotly-bundle.ts) and the chart script are included only when some page has a chart; the producers run only for
 * files that are (re)written.
 */
export function staticFiles(plotly: PlotlyBundle | undefined): Map<string, () => Buffer | string> {
  const files = new Map<string, () => Buffer | string>();
  files.set('assets/site.css', () => readFileSync(path.join(SITE_SRC, 'site.css')));
  files.set('assets/site.js', () => readFileSync(path.join(SITE_SRC, 'site.js')));
  files.set(PARTS_JS, () => readFileSync(path.join(SITE_SRC, 'parts.js')));
  files.set(NAV_ASSETS.css, () => readFileSync(path.join(SITE_SRC, 'nav.css')));
  files.set(NAV_ASSETS.js, () => readFileSync(path.join(SITE_SRC, 'nav.js')));
  files.set(SITE_ASSETS.katexCss, katexCss);
  const fonts = path.join(katexDist(), 'fonts');
  for (const f of readdirSync(fonts).filter((n) => n.endsWith('.woff2')).sort()) {
    files.set(`assets/katex/fonts/${f}`, () => readFileSync(path.join(fonts, f)));
  }
  if (plotly) {
    files.set(SITE_ASSETS.chartsJs, () => readFileSync(path.join(SITE_SRC, 'charts.js')));
    files.set(SITE_ASSETS.plotlyJs, () => bundleSource(plotly));
  }
  return files;
}
