/**
 * `npm run bench:frontend` (with `npm start` running; SHELL_URL to point elsewhere): the shell and its
 * three panels in the machine's Chromium, signed in as acme/u-ana until the first contact rows show.
 * Prints, for one run:
 * - the JavaScript bytes that crossed the wire (as sent: compressed where the server compressed) on a first
 *   load and on a reload with the browser cache, against the same page with compression and caching off
 *   (what every load cost before #14 §9);
 * - the same for the same shell and panels built as one plain app (no Module Federation:
 *   tools/scripts/bench-frontend/one-app.webpack.config.js, built into a temp dir and served here), and
 *   the ratio of the two first loads (#15 §5 target ≤ 1.15);
 * - the time to the first contact rows, measured in the page: on a first load from the sign-in submit, on a
 *   reload from the navigation; and, in the same page load, the duration of the contacts API call itself
 *   (Resource Timing), and their ratio (#15 §5 target ≤ 1.5);
 * - the time from the last keystroke in "Search contacts" to the rows of that search (median of a few).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { serveStatic } from '@conversations/static-server';
import { launchChromium } from '@conversations/testing';

const SHELL_URL = process.env.SHELL_URL ?? 'http://127.0.0.1:4200';
const WORKSPACE_ROOT = resolve(__dirname, '../..');
const SEARCHES = 3;

interface Load {
  jsBytes: number;
  jsFiles: number;
  notModified: number;
  /** Node's clock: navigation (or goto + sign-in form) until the rows are there. */
  msToRows: number;
  /** In the page: from the sign-in submit (first load) or the navigation (reload) to the frame with rows. */
  pageMsToRows: number;
  /** The first contacts list call of this load: its start on the same clock as pageMsToRows, and its duration. */
  contactsCall: { startMs: number; durationMs: number } | null;
}

interface Session {
  first: Load;
  reload: Load;
  /** Last keystroke → that search's first row shown, ms, per search. */
  searches: number[];
}

interface Bench {
  signInAt: number | null;
  rowsAt: number | null;
  lastKeyAt: number | null;
  searchDone?: Promise<number>;
}

// The few browser globals the functions run in the page use (this project's TypeScript has no DOM library).
declare const window: { __bench: Bench };
declare const document: {
  addEventListener(type: string, listener: () => void, capture: boolean): void;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
declare function requestAnimationFrame(callback: () => void): number;

/** Runs in every document before its scripts: notes the sign-in submit, the last keystroke, and the first frame with contact rows. */
function instrument(): void {
  window.__bench = { signInAt: null, rowsAt: null, lastKeyAt: null };
  document.addEventListener('submit', () => (window.__bench.signInAt = performance.now()), true);
  document.addEventListener('keydown', () => (window.__bench.lastKeyAt = performance.now()), true);
  const tick = () => {
    if (document.querySelector('[data-panel=inbox] .inbox-row')) window.__bench.rowsAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
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
  await page.waitForFunction(() => window.__bench.rowsAt !== null);
  await page.waitForLoadState('networkidle');
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  const timing = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[];
    const call = entries.find((entry) => new URL(entry.name).pathname === '/api/v1/contacts' && !new URL(entry.name).searchParams.has('q'));
    const { signInAt, rowsAt } = window.__bench;
    const from = signInAt ?? 0;
    return {
      pageMsToRows: rowsAt! - from,
      contactsCall: call ? { startMs: call.startTime - from, durationMs: call.responseEnd - call.startTime } : null,
    };
  });
  return { jsBytes, jsFiles: scripts.size, notModified, msToRows, ...timing };
}

/** A demo token and the contacts API's own answer to a search, to know which row a search must show first. */
async function api(apiBaseUrl: string) {
  const response = await fetch(`${apiBaseUrl}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: 'acme', userId: 'u-ana' }),
  });
  if (!response.ok) throw new Error(`dev token: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return async (q: string): Promise<{ id: string; fullName?: string | null }[]> => {
    const page = await fetch(`${apiBaseUrl}/api/v1/contacts?${new URLSearchParams({ ...(q ? { q } : {}), limit: '50' })}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!page.ok) throw new Error(`contacts: HTTP ${page.status}`);
    return ((await page.json()) as { items: { id: string; fullName?: string | null }[] }).items;
  };
}

/** Search terms (contacts' last names) whose first row differs from the one shown before each is typed. */
async function searchTerms(contacts: Awaited<ReturnType<typeof api>>): Promise<{ term: string; firstId: string }[]> {
  const all = await contacts('');
  let shownFirst = all[0]?.id;
  const terms: { term: string; firstId: string }[] = [];
  for (const contact of [...all].reverse()) {
    const term = contact.fullName?.trim().split(/\s+/).at(-1);
    if (!term || term.length < 3 || terms.some((known) => known.term === term)) continue;
    const found = await contacts(term);
    if (!found.length || found[0].id === shownFirst) continue;
    terms.push({ term, firstId: found[0].id });
    shownFirst = found[0].id;
    if (terms.length === SEARCHES) break;
  }
  return terms;
}

/** Types each term into "Search contacts" and times last keystroke → the frame where that search's first row shows, not busy. */
async function searches(page: Page, terms: { term: string; firstId: string }[]): Promise<number[]> {
  const box = page.getByLabel('Search contacts');
  const times: number[] = [];
  for (const { term, firstId } of terms) {
    await box.click({ clickCount: 3 });
    await page.evaluate((expected) => {
      window.__bench.searchDone = new Promise<number>((done) => {
        const tick = () => {
          const first = document.querySelector('[data-panel=inbox] .inbox-row');
          const busy = document.querySelector('[data-panel=inbox] .inbox-search[aria-busy=true]');
          if (first?.getAttribute('data-contact-id') === expected && !busy) done(performance.now());
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }, firstId);
    await page.keyboard.type(term, { delay: 60 });
    times.push(
      await page.evaluate(async () => {
        const shown = await Promise.race([
          window.__bench.searchDone!,
          new Promise<number>((_, fail) => setTimeout(() => fail(new Error('search rows did not show')), 30_000)),
        ]);
        return shown - window.__bench.lastKeyAt!;
      }),
    );
  }
  return times;
}

async function session(
  url: string,
  options: { compressedAndCached: boolean; terms?: { term: string; firstId: string }[] },
): Promise<Session> {
  const browser = await launchChromium();
  try {
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      // A browser that takes no compression, as every byte was sent before.
      ...(options.compressedAndCached ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } }),
    });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (!options.compressedAndCached) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const first = await measure(page, cdp, async () => {
      await page.goto(url);
      await page.selectOption('select[name=tenant]', 'acme');
      await page.selectOption('select[name=user]', 'u-ana');
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
    const reload = await measure(page, cdp, () => page.reload());
    return { first, reload, searches: options.terms ? await searches(page, options.terms) : [] };
  } finally {
    await browser.close();
  }
}

/** The shell with the three panels imported directly, built into a temp dir. */
function buildOneApp(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'one-app-'));
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('webpack-cli/bin/cli.js'),
      '--config',
      join(__dirname, 'bench-frontend', 'one-app.webpack.config.js'),
      '--mode',
      'production',
      '--env',
      `outDir=${outDir}`,
    ],
    { cwd: WORKSPACE_ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`building the one-app comparison failed:\n${result.stdout}${result.stderr}`);
  return outDir;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const remotesJson = await (await fetch(new URL('/remotes.json', SHELL_URL))).text();
  const { apiBaseUrl } = JSON.parse(remotesJson) as { apiBaseUrl: string };
  const terms = await searchTerms(await api(apiBaseUrl));
  if (terms.length < SEARCHES) throw new Error(`found only ${terms.length} search terms in acme's contacts`);

  process.stdout.write('building the one-app comparison (no Module Federation)…\n');
  const oneAppDir = buildOneApp();
  const oneAppServer = await serveStatic({ root: oneAppDir, port: 0, spaFallback: true, overrides: { '/remotes.json': remotesJson } });
  let plain: Session, served: Session, oneApp: Session;
  try {
    plain = await session(SHELL_URL, { compressedAndCached: false });
    served = await session(SHELL_URL, { compressedAndCached: true, terms });
    oneApp = await session(oneAppServer.url, { compressedAndCached: true, terms });
  } finally {
    await oneAppServer.close();
    rmSync(oneAppDir, { recursive: true, force: true });
  }

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => `${Math.round(value)} ms`;
  const row = (label: string, load: Load) =>
    `${label.padEnd(46)} ${kb(load.jsBytes).padStart(10)}  ${String(load.jsFiles).padStart(3)} files (${load.notModified} × 304)  rows after ${ms(load.msToRows)}`;
  const rowsVsCall = (label: string, load: Load) => {
    const call = load.contactsCall;
    return `${label.padEnd(46)} rows ${ms(load.pageMsToRows).padStart(7)}  contacts call ${call ? `${ms(call.durationMs).padStart(6)} (started at ${ms(call.startMs)})` : 'not seen'}  ratio ${call ? (load.pageMsToRows / call.durationMs).toFixed(2) : '–'}`;
  };
  const ratio = (a: number, b: number) => (a / b).toFixed(3);

  console.log(`JavaScript over the wire, ${SHELL_URL} signed in as acme/u-ana until the first contact rows:`);
  console.log(row('first load, uncompressed, no cache', plain.first));
  console.log(row('reload, uncompressed, no cache', plain.reload));
  console.log(row('first load, as served (compressed)', served.first));
  console.log(row('reload, as served (browser cache + ETag)', served.reload));
  console.log(row('one app (no federation), first load, served', oneApp.first));
  console.log(row('one app (no federation), reload, served', oneApp.reload));
  console.log(`ratio first load served/uncompressed:     ${ratio(served.first.jsBytes, plain.first.jsBytes)}`);
  console.log(`ratio reload served/uncompressed:         ${ratio(served.reload.jsBytes, plain.reload.jsBytes)}`);
  console.log(`ratio first load federated/one app:       ${ratio(served.first.jsBytes, oneApp.first.jsBytes)}   (target ≤ 1.15)`);
  console.log('');
  console.log(
    'First contact rows in the page (first load: from the sign-in submit; reload: from navigation) vs the contacts API call of the same load (target ratio ≤ 1.5):',
  );
  console.log(rowsVsCall('federated, first load (served)', served.first));
  console.log(rowsVsCall('federated, reload (served)', served.reload));
  console.log(rowsVsCall('one app, first load (served)', oneApp.first));
  console.log(rowsVsCall('one app, reload (served)', oneApp.reload));
  console.log('');
  const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');
  console.log(
    `Last keystroke → rows of that search ("Search contacts", ${terms.map((t) => t.term).join(', ')}; includes the 300 ms debounce):`,
  );
  console.log(`federated: median ${ms(median(served.searches))} (${list(served.searches)})`);
  console.log(`one app:   median ${ms(median(oneApp.searches))} (${list(oneApp.searches)})`);
  console.log(`ratio search federated/one app:           ${ratio(median(served.searches), median(oneApp.searches))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
