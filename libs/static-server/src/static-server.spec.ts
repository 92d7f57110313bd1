import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { serveStatic, type StaticServer } from './server';

const SCRIPT = 'console.log("main");'.repeat(100);

/** A raw GET (fetch would decode the body and hide Content-Encoding), with the bytes as sent. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('serveStatic', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(root, 'index.html'), '<html>shell</html>');
    writeFileSync(join(root, 'mf-manifest.json'), '{"name":"inbox"}');
    writeFileSync(join(root, 'main.js'), SCRIPT);
    writeFileSync(join(root, 'main.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(root, 'main.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(root, 'chunk.0123abcd.js'), SCRIPT);
    server = await serveStatic({ root, port: 0, spaFallback: true, overrides: { '/remotes.json': () => '{"remotes":{}}' } });
  });
  afterAll(() => server.close());

  it('serves files with CORS so other origins can load a remote', async () => {
    const response = await fetch(`${server.url}/mf-manifest.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ name: 'inbox' });
  });

  it('answers client-side routes with index.html and missing assets with 404', async () => {
    expect(await (await fetch(`${server.url}/conversations/abc`)).text()).toContain('shell');
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('serves runtime configuration from memory, revalidated on every load', async () => {
    const response = await fetch(`${server.url}/remotes.json`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.json()).toEqual({ remotes: {} });
    const again = await get(`${server.url}/remotes.json`, { 'if-none-match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('#14 §9: sends the brotli copy to a browser that takes it, else gzip, else the file, each its own ETag', async () => {
    const brotli = await get(`${server.url}/main.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers).toMatchObject({ 'content-encoding': 'br', vary: 'accept-encoding', 'cache-control': 'no-cache' });
    expect(brotli.body.equals(brotliCompressSync(SCRIPT))).toBe(true);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 10);
    const gzip = await get(`${server.url}/main.js`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await get(`${server.url}/main.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(new Set([brotli.headers.etag, gzip.headers.etag, plain.headers.etag]).size).toBe(3);
  });

  it('#14 §9: a reload of an unchanged entry point is a 304 without a body; a content-hashed file is immutable', async () => {
    const first = await get(`${server.url}/main.js`, { 'accept-encoding': 'br' });
    const reload = await get(`${server.url}/main.js`, { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(reload.status).toBe(304);
    expect(reload.body.length).toBe(0);
    const hashed = await get(`${server.url}/chunk.0123abcd.js`);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.vary).toBeUndefined();
  });
});
