// A tiny static server for the built site (dist/), used by the end-to-end
// tests: the real content types (application/wasm for streaming
// compilation), no caching, and the single-page-app fallback that a static
// host is configured with, so deep links like /lesson/<id> load the app.
// A few more folders are mounted beside it (MOUNTS): the fixture
// university's site under a sub-path, answering unknown paths with its
// 404.html and status 404 as GitHub Pages does, and a pretend LMS serving an
// unpacked SCORM package.
//
//   node server.mjs            serves ../../dist on http://127.0.0.1:4173/
//   PORT=0 node server.mjs     picks a free port and prints it

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const root = path.resolve(process.env.DIST_DIR ?? path.join(here, '..', '..', 'dist'));
const host = '127.0.0.1';

// URL prefix → folder, first match wins: keep `/` last. A `spa` mount
// answers unknown extensionless paths with its index.html (nginx's
// try_files); a `pages` mount answers every unknown path with its 404.html
// and status 404 (GitHub Pages).
const MOUNTS = [
  { prefix: '/northbridge/', dir: path.join(repo, 'target', 'e2e-sites', 'northbridge'), pages: true },
  // hosting.spec.js "deploys" versions of a site here.
  { prefix: '/update/', dir: path.join(here, '.artifacts', 'update-site'), spa: true },
  { prefix: '/lms/', dir: path.join(here, '.artifacts', 'lms') },
  { prefix: '/vendor/scorm-again/', dir: path.join(here, 'node_modules', 'scorm-again', 'dist') },
  { prefix: '/', dir: root, spa: true },
];
const port = Number(process.env.PORT ?? 4173);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
};

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s.isFile() ? { path: p, size: s.size } : null;
  } catch {
    return null;
  }
}

async function resolve(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  const normal = path.posix.normalize('/' + decoded);
  const mount = MOUNTS.find((m) => normal.startsWith(m.prefix));
  const dir = path.resolve(mount.dir);
  const target = path.resolve(dir, '.' + normal.slice(mount.prefix.length - 1));
  if (target !== dir && !target.startsWith(dir + path.sep)) return { status: 403 };
  const file = (await fileAt(target)) ?? (await fileAt(path.join(target, 'index.html')));
  if (file) return { status: 200, file };
  // A route of the app (no file extension) gets the app itself, with 200.
  if (mount.spa && path.posix.extname(decoded) === '') {
    const index = await fileAt(path.join(dir, 'index.html'));
    if (index) return { status: 200, file: index };
  }
  if (mount.pages) {
    const page = await fileAt(path.join(dir, '404.html'));
    if (page) return { status: 404, file: page };
  }
  return { status: 404 };
}

const server = http.createServer(async (req, res) => {
  const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  const { pathname } = new URL(req.url ?? '/', `http://${host}`);
  const found = await resolve(pathname);
  if (!found.file) {
    res.writeHead(found.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `${found.status} ${http.STATUS_CODES[found.status]}\n`);
    return;
  }
  const type = TYPES[path.extname(found.file.path).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(found.status, { ...headers, 'Content-Type': type, 'Content-Length': found.file.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file.path)
    .on('error', () => res.destroy())
    .pipe(res);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${root} on http://${host}:${actual}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
