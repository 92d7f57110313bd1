import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from './server';

describe('serveStatic', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(root, 'index.html'), '<html>shell</html>');
    writeFileSync(join(root, 'mf-manifest.json'), '{"name":"inbox"}');
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

  it('serves runtime configuration from memory, never cached', async () => {
    const response = await fetch(`${server.url}/remotes.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ remotes: {} });
  });
});
