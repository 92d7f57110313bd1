/**
 * `npm run bench:frontend` (with `npm start` running; SHELL_URL to point elsewhere): the shell and its
 * three panels in the machine's Chromium, signed in as acme/u-ana until the first contact rows show.
 * Prints the JavaScript bytes that crossed the wire (as sent: compressed where the server compressed) on a
 * first load and on a reload with the browser cache, against the same page with compression and caching
 * off (what every load cost before #14 §9), the time from navigation (through the sign-in form, on a first load) to the first rows, and the ratios.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '@conversations/testing';

const SHELL_URL = process.env.SHELL_URL ?? 'http://127.0.0.1:4200';

interface Load {
  jsBytes: number;
  jsFiles: number;
  notModified: number;
  msToRows: number;
}

/** Sums the encoded (wire) size of every script response of one navigation, via the DevTools protocol. */
async function measure(page: Page, cdp: CDPSession, navigate: () => Promise<unknown>): Promise<Load> {
  const scripts = new Map<string, { status: number }>();
  let jsBytes = 0;
  let notModified = 0;
  const onResponse = ({ requestId, response }: { requestId: string; response: { url: string; status: number; mimeType: string } }) => {
    if (response.mimeType.includes('javascript') || new URL(response.url).pathname.endsWith('.js'))
      scripts.set(requestId, { status: response.status });
  };
  const onFinished = ({ requestId, encodedDataLength }: { requestId: string; encodedDataLength: number }) => {
    const script = scripts.get(requestId);
    if (!script) return;
    jsBytes += encodedDataLength;
    if (script.status === 304) notModified++;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  const started = performance.now();
  await navigate();
  await page.locator('[data-panel=inbox] .inbox-row').first().waitFor({ timeout: 60_000 });
  const msToRows = performance.now() - started;
  await page.waitForLoadState('networkidle');
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return { jsBytes, jsFiles: scripts.size, notModified, msToRows };
}

async function session(options: { compressedAndCached: boolean }): Promise<{ first: Load; reload: Load }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      // A browser that takes no compression, as every byte was sent before.
      ...(options.compressedAndCached ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } }),
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (!options.compressedAndCached) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const first = await measure(page, cdp, async () => {
      await page.goto(SHELL_URL);
      await page.selectOption('select[name=tenant]', 'acme');
      await page.selectOption('select[name=user]', 'u-ana');
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
    const reload = await measure(page, cdp, () => page.reload());
    return { first, reload };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const plain = await session({ compressedAndCached: false });
  const served = await session({ compressedAndCached: true });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const row = (label: string, load: Load) =>
    `${label.padEnd(44)} ${kb(load.jsBytes).padStart(10)}  ${String(load.jsFiles).padStart(3)} files (${load.notModified} × 304)  rows after ${Math.round(load.msToRows)} ms`;
  console.log(`JavaScript over the wire, ${SHELL_URL} signed in as acme/u-ana until the first contact rows:`);
  console.log(row('first load, uncompressed, no cache', plain.first));
  console.log(row('reload, uncompressed, no cache', plain.reload));
  console.log(row('first load, as served (compressed)', served.first));
  console.log(row('reload, as served (browser cache + ETag)', served.reload));
  console.log(`ratio first load served/uncompressed: ${(served.first.jsBytes / plain.first.jsBytes).toFixed(3)}`);
  console.log(`ratio reload served/uncompressed:     ${(served.reload.jsBytes / plain.reload.jsBytes).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
