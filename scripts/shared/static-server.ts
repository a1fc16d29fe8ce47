// The one static file server of the browser checks and benches: a folder on 127.0.0.1, GET/HEAD only, no listings.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.ipynb': 'application/x-ipynb+json', '.xml': 'application/xml', '.txt': 'text/plain',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};

export interface StaticServerOptions {
  /**
   * Resolve URLs as a built blog expects (Astro, Docusaurus, Next.js export): `/x/` serves x/index.html and `/x`
   * serves x, x.html or x/index.html. Off (the exported site): `/x` serves exactly x, and `/` serves index.html.
   */
  cleanUrls?: boolean;
}

/** Serves `root` on an ephemeral port of 127.0.0.1; `base` ends with a slash. Close `server` when done. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<{ server: Server; base: string }> {
  const top = path.resolve(root);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = candidates(top, pathname, options.cleanUrls === true)
      .find((f) => f.startsWith(top + path.sep) && existsSync(f) && statSync(f).isFile());
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('the static server has no port');
  return { server, base: `http://127.0.0.1:${addr.port}/` };
}

/** The files a URL path may name, in order of preference. */
function candidates(top: string, pathname: string, cleanUrls: boolean): string[] {
  const base = path.resolve(top, `.${pathname}`);
  if (pathname.endsWith('/')) return [path.join(base, 'index.html')];
  return cleanUrls ? [base, `${base}.html`, path.join(base, 'index.html')] : [base];
}
