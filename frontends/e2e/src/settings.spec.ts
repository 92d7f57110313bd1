import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { screen, violationReport } from './accessibility';
import { launchBrowser } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;

/** A tenant's system on 127.0.0.1: records every request as it came (raw body, headers) and answers 200. */
interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}
const received: ReceivedRequest[] = [];
let receiver: Server;
let receiverOrigin: string;

async function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '/',
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

async function waitForRequest(path: string, timeout = 15_000): Promise<ReceivedRequest> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const request = received.find((each) => each.path === path);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the receiver got nothing on ${path} within ${timeout} ms`);
}

const uniqueSuffix = () => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 4)}`;

/** Local sign-in through the picker, as app.spec.ts does. */
async function signIn(page: Page, userId: 'u-ana' | 'u-ben'): Promise<void> {
  await page.goto(stack.frontends.shellUrl);
  await page.selectOption('select[name=tenant]', 'acme');
  await page.selectOption('select[name=user]', userId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
}

beforeAll(async () => {
  await startReceiver();
  stack = await startStack({ services: ['webhooks'] });
  browser = await launchBrowser();
}, 420_000);

afterAll(async () => {
  console.log(violationReport());
  await browser?.close();
  await stack?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('#18 Settings → Webhooks in a real browser', () => {
  it('F33: an admin adds an endpoint for a local receiver, copies its secret, sends a test event, sees it delivered (200) in the log, and the receiver verifies its signature', async () => {
    const suffix = uniqueSuffix();
    const path = `/hooks/${suffix}`;
    const url = `${receiverOrigin}${path}`;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => console.log('[page error]', error.message));
    await signIn(page, 'u-ana');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('form', { name: 'Add endpoint' });

    // The server's 422 shows beside the URL: http only to a loopback address.
    await form.getByRole('textbox', { name: 'URL' }).fill(`http://crm-${suffix}.example.com/hooks`);
    await form.getByRole('textbox', { name: 'Description (optional)' }).fill(`E2E receiver ${suffix}`);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.locator('.cv-field-error', { hasText: 'https' }).waitFor();
    // The grouped picker, opened to look at (and checked by axe), then back to "all".
    await form.getByRole('radio', { name: 'Only the types I choose' }).check();
    await form.getByRole('group', { name: 'Appointments' }).waitFor();
    expect(await screen(page, 'wide-webhooks-add')).toEqual([]);
    await form.getByRole('radio', { name: 'All event types, including ones added later' }).check();

    await form.getByRole('textbox', { name: 'URL' }).fill(url);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secretBox = page.getByTestId('secret-once');
    await secretBox.waitFor();
    await secretBox.getByText('you will not see it again').waitFor();
    const secret = await secretBox.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(await screen(page, 'wide-webhooks-secret')).toEqual([]);
    await secretBox.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.content()).not.toContain(secret);

    // The list, then the endpoint's page.
    const row = page.getByTestId('webhook-endpoint').filter({ hasText: url });
    await row.getByText('All event types').waitFor();
    await row.getByText('Enabled').waitFor();
    await row.getByRole('link', { name: url }).click();
    await page.waitForURL(/\/settings\/webhooks\/[0-9a-f]{24}$/);
    await page.getByText('No deliveries yet').waitFor();

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event sent.').waitFor();
    const delivered = page.getByTestId('delivery-row').filter({ hasText: 'webhook.test' });
    await delivered.and(page.locator('[data-status=delivered]')).waitFor({ timeout: 15_000 });
    expect(await delivered.textContent()).toContain('Delivered · 200');

    // The receiver got it, signed: verified by the Standard Webhooks library with the secret shown once.
    const request = await waitForRequest(path);
    const payload = new Webhook(secret).verify(request.body, request.headers) as { type: string; tenantId: string; id: string };
    expect(payload).toMatchObject({ type: 'webhook.test', tenantId: 'acme' });
    expect(request.headers['webhook-id']).toBe(payload.id);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret, 32 bytes long!!').toString('base64')}`).verify(request.body, request.headers),
    ).toThrow();
    expect(await screen(page, 'wide-webhooks')).toEqual([]);

    // The delivery's detail: the request as sent and the receiver's answer.
    await delivered.getByRole('button', { name: /^Details/ }).click();
    const dialog = page.getByTestId('delivery-dialog');
    await dialog.getByTestId('delivery-attempt').waitFor();
    expect(await dialog.getByLabel('Request headers').textContent()).toContain(`webhook-id: ${payload.id}`);
    expect(await dialog.getByLabel('Request headers').textContent()).toContain(
      `webhook-timestamp: ${request.headers['webhook-timestamp']}`,
    );
    expect(await dialog.getByLabel('Response body').textContent()).toContain('{"received":true}');
    expect(await screen(page, 'wide-webhooks-delivery')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('delivery-log').scrollIntoViewIfNeeded();
    // The top bar still fits: Settings is a gear there, named "Settings".
    await page.getByRole('button', { name: 'Settings' }).waitFor();
    expect(await page.locator('.shell-topbar').evaluate((bar) => bar.scrollWidth <= bar.clientWidth)).toBe(true);
    expect(await screen(page, 'narrow-webhooks')).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Back to inbox: the panels, as they were.
    await page.getByRole('button', { name: 'Back to inbox' }).click();
    await page.waitForURL(/\/conversations$/);
    await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
    await page.close();
  });

  it('F33: an agent sees no Settings button, and /settings/webhooks opened directly says only admins can manage webhooks', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'u-ben');
    expect(await page.getByRole('button', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${stack.frontends.shellUrl}/settings/webhooks`);
    await page.getByText('Only admins can manage webhooks').waitFor();
    expect(await page.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);
    await page.close();
  });
});
