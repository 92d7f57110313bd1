import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServerOptions {
  /** The folder to serve (a frontend's `dist/`). */
  root: string;
  port: number;
  /** Loopback by default: nothing listens on other interfaces. */
  host?: string;
  /** Unknown paths without a file extension answer index.html (the shell's client-side routes, F5). */
  spaFallback?: boolean;
  /** Files served from memory instead of disk, e.g. the shell's `/remotes.json` written at start-up. */
  overrides?: Record<string, string | (() => string)>;
}

export interface StaticServer {
  server: Server;
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** The precompressed copies a build leaves next to a file (frontends/webpack.common.js), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];
const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/;

/**
 * Serves one built frontend on its own origin, the way a CDN would: CORS open (remotes are fetched
 * cross-origin by the shell and by embedding pages); the brotli or gzip copy made at build time to a
 * browser that accepts it; content-hashed files cached for good (`immutable`), every other file (the
 * entry points: index.html, main.js, remoteEntry.js, mf-manifest.json, remotes.json) revalidated each time
 * by ETag, so a reload that changed nothing costs a 304.
 */
export function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    response.setHeader('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': '*' });
      response.end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const override = options.overrides?.[path];
    if (override !== undefined) {
      const body = typeof override === 'function' ? override() : override;
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
      const headers = { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag };
      if (notModified(request, etag)) response.writeHead(304, headers).end();
      else response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      if (options.spaFallback && !extname(path)) file = join(root, 'index.html');
      else {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
    }
    const encodings = ENCODINGS.filter(({ suffix }) => existsSync(file + suffix));
    const accepted = acceptedEncodings(request);
    const encoding = encodings.find(({ name }) => accepted.has(name));
    const sent = encoding ? file + encoding.suffix : file;
    const stats = statSync(sent);
    // Like nginx's: size and modification time, told apart per encoding (each is its own representation).
    const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${encoding ? `-${encoding.name}` : ''}"`;
    const headers: Record<string, string | number> = {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      ...(encodings.length ? { vary: 'accept-encoding' } : {}),
      ...(encoding ? { 'content-encoding': encoding.name } : {}),
    };
    if (notModified(request, etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': stats.size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(sent).pipe(response);
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolveStart({
        server,
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise((resolveClose) => {
            server.closeAllConnections();
            server.close(() => resolveClose());
          }),
      });
    });
  });
}

function acceptedEncodings(request: IncomingMessage): Set<string> {
  const header = request.headers['accept-encoding'] ?? '';
  return new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, quality]) => !quality || !/^q=0(\.0*)?$/.test(quality.trim()))
      .map(([name]) => name.trim().toLowerCase()),
  );
}

function notModified(request: IncomingMessage, etag: string): boolean {
  const match = request.headers['if-none-match'];
  return !!match && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}
