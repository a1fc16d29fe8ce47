// A site of kata pages alone, built with the exporter's own functions (katas list, kata pages, bundles, the site's static files): for the browser tests and bench:kata-page.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadQuestionBank } from '../../lib/interview/question-bank';
import type { Kata } from '../../lib/katas/types';
import { writeKataPages } from './kata-pages';
import { katasData, KATAS_CSS, KATAS_NAV, KATAS_PAGE, renderKatasPage } from './katas-page';
import { QUIZ_STORAGE_KEY } from './quiz-page';
import { SITE_ASSETS, staticFiles } from './site-assets';
import { readFileSync } from 'node:fs';
import { REPO_ROOT as REPO } from './options';

/** A temp site with katas.html and one kata-<id>.html per kata; returns its folder. */
export async function buildKataSite(katas: readonly Kata[]): Promise<string> {
  const site = mkdtempSync(path.join(os.tmpdir(), 'kata-site-'));
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  for (const [file, make] of staticFiles(undefined)) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), make());
  }
  const views = await katasData(katas, loadQuestionBank(), [], site, () => {});
  const nav = [KATAS_NAV];
  writeFileSync(path.join(site, KATAS_PAGE), renderKatasPage({ siteTitle: 'Test site', assets: SITE_ASSETS, nav, katas: views, key: 'test' }));
  writeFileSync(path.join(site, KATAS_CSS), readFileSync(path.join(REPO, 'site', 'katas.css')));
  writeFileSync(path.join(site, 'index.html'), '<!DOCTYPE html><title>index</title>');
  await writeKataPages({ siteDir: site, siteTitle: 'Test site', assets: SITE_ASSETS, nav, views, katas, storageKey: QUIZ_STORAGE_KEY, key: 'test', katasPage: KATAS_PAGE, katasCss: KATAS_CSS });
  return site;
}
