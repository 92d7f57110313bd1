import { DEMO_PASSWORD } from '@conversations/identity';
import type { Browser, Page } from 'playwright-core';
import { screen } from './accessibility';
import { launchBrowser } from './browser';
import { startStack, type Stack } from './stack';

/** Access tokens live this long here: the shell renews one a minute before it expires, so within ~15 s. */
const ACCESS_TOKEN_TTL_SECONDS = 75;

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ identity: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS } });
  browser = await launchBrowser();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The bearer tokens the page sent to the API, in order, and whether the provider was asked without a login page. */
function watch(page: Page) {
  const bearers: string[] = [];
  const silentAuthorizations: string[] = [];
  page.on('request', (request) => {
    const authorization = request.headers().authorization;
    if (request.url().startsWith(stack.apiBaseUrl) && authorization) bearers.push(authorization.slice('Bearer '.length));
    if (request.url().startsWith(`${stack.identityIssuer}/auth`) && request.url().includes('prompt=none'))
      silentAuthorizations.push(request.url());
  });
  return { bearers, silentAuthorizations };
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('#19 sign-in through the identity provider (OpenID Connect, code + PKCE) in a real browser', () => {
  it('signs in on the provider’s login page, stays signed in across a reload, renews its token silently, switches tenant and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => console.log('[page error]', error.message));
    const seen = watch(page);

    // A deep link survives the trip through the login page.
    await page.goto(`${stack.frontends.shellUrl}/?from=deep-link`);
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await page.getByLabel('Email').waitFor();
    expect(new URL(page.url()).origin).toBe(stack.identityIssuer);
    await page.getByLabel('Email').fill('ana@acme.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('That email and password do not match').waitFor();
    expect(await screen(page, 'idp-login-error')).toEqual([]);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();

    await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
    expect(page.url()).toBe(`${stack.frontends.shellUrl}/?from=deep-link`);
    const topbar = page.locator('.shell-topbar');
    await expect(topbar.locator('select').inputValue()).resolves.toBe('acme');
    await topbar.getByText('Ana Ruiz').waitFor();
    expect(await screen(page, 'idp-signed-in')).toEqual([]);
    // The API was called with the provider's ES256 token, naming the account: never the local sign-in.
    const first = seen.bearers[0];
    expect(claimsOf(first)).toMatchObject({ sub: 'u-ana', aud: 'conversations-api', iss: stack.identityIssuer });
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(first);

    // A reload: back in through the provider's session (prompt=none), no login page.
    await page.reload();
    await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
    await expect(page.getByLabel('Email').count()).resolves.toBe(0);
    expect(seen.silentAuthorizations.length).toBeGreaterThanOrEqual(1);

    // Silent renew a minute before expiry: later requests carry a new token, with no login page on the way.
    const renewalsBefore = seen.silentAuthorizations.length;
    const tokenAtReload = seen.bearers[seen.bearers.length - 1];
    const deadline = Date.now() + (ACCESS_TOKEN_TTL_SECONDS - 30) * 1000;
    while (seen.silentAuthorizations.length === renewalsBefore && Date.now() < deadline) await page.waitForTimeout(500);
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByPlaceholder('Search contacts…').fill('a');
    await page.waitForResponse((response) => response.url().includes('/api/v1/contacts?') && response.ok());
    const latest = seen.bearers[seen.bearers.length - 1];
    expect(latest).not.toBe(tokenAtReload);
    expect(claimsOf(latest).exp as number).toBeGreaterThan(claimsOf(tokenAtReload).exp as number);

    // Ana is also an agent of Globex: switching shows Globex's inbox.
    await topbar.locator('select').selectOption('globex');
    await expect(page.waitForRequest((request) => request.headers()['x-tenant-id'] === 'globex')).resolves.toBeTruthy();
    await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
    await expect(topbar.locator('select').inputValue()).resolves.toBe('globex');
    expect(await screen(page, 'idp-tenant-switched')).toEqual([]);

    // Sign out ends the provider's session too: a reload finds the sign-in page, not the inbox.
    await topbar.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Continue with single sign-on' }).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.frontends.shellUrl);
    await page.reload();
    await page.getByRole('button', { name: 'Continue with single sign-on' }).waitFor();
    await expect(page.locator('[data-panel=inbox]').count()).resolves.toBe(0);
    expect(await screen(page, 'idp-signed-out')).toEqual([]);
    await page.close();
  });

  it('an embedded panel renews its token through the host’s getToken after a 401, without remounting', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => console.log('[page error]', error.message));
    const tokenRequests: string[] = [];
    page.on('request', (request) => request.url().endsWith('/api/v1/dev/token') && tokenRequests.push(request.url()));
    // The token expires under the panel: the gateway refuses the details panel's first read of the contact once.
    let refused = 0;
    await page.route(/\/api\/v1\/contacts\/[0-9a-f]{24}$/, async (route) => {
      if (refused++ > 0 || route.request().method() !== 'GET') return route.continue();
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'The access token has expired; sign in again' } }),
      });
    });
    await page.goto(stack.frontends.embedDemoUrl);
    await page.locator('#status[data-ready=true]').waitFor();
    await page.locator('conversations-contact-details input[name=firstName]').waitFor();
    expect(refused).toBeGreaterThanOrEqual(2);
    // One token when the page signed in, one more asked with forceRefresh after the 401.
    expect(tokenRequests).toHaveLength(2);
    await page.close();
  });
});
