// The shared static server of the browser checks: exact paths for the site, clean URLs for a blog, nothing outside the root.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/shared/static-server';

let root: string;
let outside: string;
beforeAll(() => {
  const top = mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
  root = path.join(top, 'site');
  outside = path.join(top, 'secret.txt');
  mkdirSync(path.join(root, 'blog', 'post'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(root, 'about.html'), 'about');
  writeFileSync(path.join(root, 'blog', 'post', 'index.html'), 'post');
  writeFileSync(path.join(root, 'app.js'), 'x');
  writeFileSync(outside, 'do not serve');
});

async function get(base: string, p: string): Promise<{ status: number; type: string | null; body: string }> {
  const r = await fetch(new URL(p, base));
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
}

describe('serveStatic', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('serves exact paths with their content type, / as index.html, and 404 for the rest (site mode)', async () => {
    const { server, base } = await serveStatic(root);
    servers.push(server);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get(base, '/')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' });
    expect((await get(base, '/app.js')).type).toBe('text/javascript');
    expect((await get(base, '/about')).status).toBe(404); // no clean URLs for the exported site: its links name files
    expect((await get(base, '/blog/post')).status).toBe(404);
    expect((await get(base, '/blog/post/')).body).toBe('post');
  });

  it('resolves clean URLs as a built blog expects', async () => {
    const { server, base } = await serveStatic(root, { cleanUrls: true });
    servers.push(server);
    expect((await get(base, '/about')).body).toBe('about');
    expect((await get(base, '/blog/post')).body).toBe('post');
    expect((await get(base, '/blog/post/')).body).toBe('post');
    expect((await get(base, '/missing')).status).toBe(404);
  });

  it('never serves a file outside the root, however the path is spelled', async () => {
    const { server, base } = await serveStatic(root, { cleanUrls: true });
    servers.push(server);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/blog/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await get(base, p);
      expect(r.body, p).not.toContain('do not serve');
      expect(r.status, p).toBe(404);
    }
  });
});
