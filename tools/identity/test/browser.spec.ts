import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from '@conversations/testing/src/chromium';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, demoUsers, startIdentityProvider, type IdentityProvider } from '../src';
import { authorizationRequest, quietProviderNotices } from './relying-party';

/** Where the test leaves screenshots of the sign-in page (outside the repository), like frontends/e2e. */
const SCREENS_DIR = process.env.SCREENS_DIR ?? '/tmp/screens';

let directory: string;
let identity: IdentityProvider;
let shell: Server;
let shellOrigin: string;
let browser: Browser;
let client: { clientId: string; redirectUri: string };

/**
 * A stand-in for the shell on its own port of 127.0.0.1: the redirect URI shows where the browser came back
 * with, and /silent frames a prompt=none authorization request the way the shell's silent renew will.
 */
function startShell(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (url.pathname === '/silent') {
      const src = url.searchParams.get('src') ?? '';
      response.end(
        `<!doctype html><html lang="en"><title>silent</title><iframe title="renew" src="${src.replace(/"/g, '&quot;')}"></iframe></html>`,
      );
    } else response.end(`<!doctype html><html lang="en"><title>shell</title><p>${url.pathname}</p></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function blockingViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself (as frontends/e2e does); WCAG 2.1 A/AA rules.
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/** Frames a prompt=none request from the shell's origin and returns where the frame ended up. */
async function renewInFrame(page: Page): Promise<URL> {
  const request = authorizationRequest(identity.issuer, client, { prompt: 'none' });
  await page.goto(`${shellOrigin}/silent?src=${encodeURIComponent(request.url)}`);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (!frame) throw new Error('no iframe');
  await frame.waitForURL((url) => url.href.startsWith(client.redirectUri));
  return new URL(frame.url());
}

beforeAll(async () => {
  quietProviderNotices();
  mkdirSync(SCREENS_DIR, { recursive: true });
  directory = mkdtempSync(join(tmpdir(), 'identity-browser-'));
  shell = await startShell();
  shellOrigin = `http://127.0.0.1:${(shell.address() as AddressInfo).port}`;
  client = { clientId: 'conversations-shell', redirectUri: `${shellOrigin}/auth/callback` };
  identity = await startIdentityProvider({
    port: 0,
    audience: 'conversations-api',
    clients: [{ clientId: client.clientId, redirectUris: [client.redirectUri], postLogoutRedirectUris: [`${shellOrigin}/`] }],
    users: demoUsers(),
    keysFile: join(directory, 'identity-jwks.json'),
    logLevel: 'silent',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await identity?.stop();
  await new Promise((resolve) => shell?.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

describe('local identity provider in Chromium (issue #19)', () => {
  it('signs in through an accessible login page, then renews silently in an iframe from the shell’s origin until sign-out', async () => {
    const page = await browser.newPage();
    await page.goto(authorizationRequest(identity.issuer, client).url);
    await expect(page.getByRole('heading', { name: 'Sign in to Conversations' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Demo users:').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENS_DIR, 'identity-sign-in.png') });
    expect(await blockingViolations(page)).toEqual([]);

    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('That email and password do not match');
    await page.screenshot({ path: join(SCREENS_DIR, 'identity-sign-in-error.png') });
    expect(await blockingViolations(page)).toEqual([]);

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(client.redirectUri));
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();

    // The session cookie (SameSite=Lax) reaches the framed provider: same site as the shell, another port.
    const renewed = await renewInFrame(page);
    expect(renewed.searchParams.get('error')).toBeNull();
    expect(renewed.searchParams.get('code')).toBeTruthy();

    const logout = new URL('/session/end', identity.issuer);
    logout.searchParams.set('client_id', client.clientId);
    logout.searchParams.set('post_logout_redirect_uri', `${shellOrigin}/`);
    await page.goto(logout.href);
    await page.waitForURL(`${shellOrigin}/`);

    const afterSignOut = await renewInFrame(page);
    expect(afterSignOut.searchParams.get('error')).toBe('login_required');
    await page.close();
  });

  it('keeps the login page out of other sites’ frames', async () => {
    const page = await browser.newPage();
    await page.goto(`${shellOrigin}/silent?src=${encodeURIComponent(authorizationRequest(identity.issuer, client).url)}`);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await frame.waitForLoadState();
    // Chromium replaces a page refused by frame-ancestors with its error document.
    expect(frame.url()).toBe('chrome-error://chromewebdata/');
    await expect(frame.locator('input[type=password]').count()).resolves.toBe(0);
    await page.close();
  });
});
