import { serveStatic, distOf, type StaticServer } from '@conversations/static-server';
import { freePort } from '@conversations/testing';
import type { Browser, Page } from 'playwright-core';
import { screen, violationReport } from './accessibility';
import { launchBrowser } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;
let token: string;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.apiBaseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The carrier simulator's test controls (inject an inbound SMS, …). */
async function simulator<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack.simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const uniqueSuffix = () => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 4)}`;
const randomPhone = (prefix: string) => `+1${prefix}555${String(Math.floor(1000 + Math.random() * 8999))}`;

/** A fresh page already signed in (the session of the first sign-in, so no sign-in form each time). */
async function signedInPage(viewport = { width: 1440, height: 900 }, path = ''): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.log('[page error]', error.message));
  // E2E_SLOW_MS=1000: name every API request slower than that (diagnosing a slow panel).
  const slowMs = Number(process.env.E2E_SLOW_MS ?? 0);
  if (slowMs)
    page.on('requestfinished', (request) => {
      const timing = request.timing();
      if (request.url().includes('/api/v1/') && timing.responseEnd > slowMs)
        console.log(`[slow ${Math.round(timing.responseEnd)} ms] ${request.method()} ${request.url()}`);
    });
  await signIn(page, stack.frontends.shellUrl);
  if (path) await page.goto(`${stack.frontends.shellUrl}${path}`);
  return page;
}

let signInChecked = false;

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  if (!signInChecked) {
    await page.locator('select[name=tenant]').waitFor();
    expect(await screen(page, 'sign-in')).toEqual([]);
    signInChecked = true;
  }
  await page.selectOption('select[name=tenant]', 'acme');
  await page.selectOption('select[name=user]', 'u-ana');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
}

/** Polls until the locator matches exactly `count` elements (lists update after the debounce and the fetch). */
async function waitForCount(locator: ReturnType<Page['locator']>, count: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = -1;
  while (Date.now() < deadline) {
    last = await locator.count();
    if (last === count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${count} matches, still ${last} after ${timeout} ms`);
}

beforeAll(async () => {
  // Slower simulated call steps, so the "Calling your phone…" state can be seen (and photographed).
  stack = await startStack({ services: ['messaging', 'appointments', 'calls'], simulator: { VOICE_STEP_DELAY_MS: '500' } });
  const issued = await fetch(`${stack.apiBaseUrl}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: 'acme', userId: 'u-ana' }),
  });
  token = ((await issued.json()) as { token: string }).token;
  browser = await launchBrowser();
}, 420_000);

afterAll(async () => {
  console.log(violationReport());
  await browser?.close();
  await stack?.stop();
});

describe('Conversations in a real browser', () => {
  it('F1–F5, F10, F11, F26–F29, F32, F34: sign in, search, open a contact, edit info, disposition, tags, notes, DND; scroll without duplicates; deep link; small screens', async () => {
    const suffix = uniqueSuffix();
    const lastName = `Quokka${suffix}`;
    const phone = `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`;
    await api('POST', '/contacts', { firstName: 'Zelda', lastName, phone });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const reactDomRequests: string[] = [];
    page.on('request', (request) => {
      if (/react-dom/.test(request.url()) && request.url().endsWith('.js')) reactDomRequests.push(request.url());
    });
    // #14 §9: every script (over the build's 1 KB threshold) arrives compressed, and no file of the page is
    // missing (the favicon included).
    const uncompressedScripts: string[] = [];
    const missingFiles: string[] = [];
    page.on('response', async (response) => {
      if (response.url().startsWith(stack.apiBaseUrl)) return;
      if (response.status() >= 400) missingFiles.push(`${response.status()} ${response.url()}`);
      const encoding = (await response.allHeaders())['content-encoding'];
      if (response.url().endsWith('.js') && response.status() === 200 && !encoding && (await response.body()).length >= 1024)
        uncompressedScripts.push(response.url());
    });
    await signIn(page, stack.frontends.shellUrl);
    await page.waitForLoadState('networkidle');
    expect(missingFiles).toEqual([]);
    expect(uncompressedScripts).toEqual([]);
    expect(await screen(page, 'wide-contacts')).toEqual([]);

    // F2: debounced search by last name.
    await page.getByPlaceholder('Search contacts…').fill(lastName);
    const row = page.locator('[data-panel=inbox] .inbox-row', { hasText: `Zelda ${lastName}` });
    await row.waitFor();
    await waitForCount(page.locator('[data-panel=inbox] [role=tabpanel][data-active=true] .inbox-row'), 1);

    // F3: the middle and right panels load the contact; the URL is its deep link (F5).
    await row.click();
    await page.waitForURL(/\/conversations\/[0-9a-f]{24}$/);
    await expect(page.getByTestId('conversation-name').textContent()).resolves.toBe(`Zelda ${lastName}`);
    const firstName = page.locator('[data-panel=contact-details] input[name=firstName]');
    await expect(firstName.inputValue()).resolves.toBe('Zelda');

    // F26: a server validation error shows next to its field…
    await page.locator('[data-panel=contact-details] input[name=email]').fill('not-an-email');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.locator('[data-panel=contact-details] .cv-field-error').first().waitFor();
    expect(await screen(page, 'wide-field-error')).toEqual([]);

    // …and a valid change saves, is confirmed, and shows in the list and the header at once.
    await page.locator('[data-panel=contact-details] input[name=email]').fill('');
    await firstName.fill('Zora');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('Contact saved.').waitFor();
    await page.getByTestId('conversation-name').getByText(`Zora ${lastName}`).waitFor();
    await page.locator('[data-panel=inbox] .inbox-row', { hasText: `Zora ${lastName}` }).waitFor();
    expect(await screen(page, 'wide-saved')).toEqual([]);

    // F11: a contact created elsewhere (here: straight through the API) appears live, no reload (SSE).
    await api('POST', '/contacts', { firstName: 'Live', lastName: `${lastName}b` });
    await page.locator('[data-panel=inbox] .inbox-row', { hasText: `Live ${lastName}b` }).waitFor();

    // Stored for real.
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await api<{ firstName: string }>('GET', `/contacts/${id}`);
    expect(stored.firstName).toBe('Zora');

    // F27: a disposition saves as soon as it is chosen.
    const details = page.locator('[data-panel=contact-details]');
    const disposition = details.locator('[data-testid=section-dispositions] select');
    await disposition.selectOption({ index: 1 });
    await details.getByText('Disposition saved.').waitFor();
    // F28: select a tag, create one, Save Tags.
    const tags = details.locator('[data-testid=section-tags]');
    await tags.locator('.details-tag').first().click();
    await tags.getByPlaceholder('New tag name').fill(`E2E ${suffix}`);
    await tags.getByRole('button', { name: 'Create tag' }).click();
    await tags.locator('.details-tag[data-checked=true]', { hasText: `E2E ${suffix}` }).waitFor();
    await tags.getByRole('button', { name: 'Save Tags' }).click();
    await tags.getByText('Tags saved.').waitFor();
    // F29: Add Note and Edit use the same dialog; most recent first.
    const notes = details.locator('[data-testid=section-notes]');
    await notes.getByRole('button', { name: 'Add Note' }).click();
    await page.getByTestId('note-dialog').getByRole('textbox').fill('First call went well');
    await page.getByTestId('note-dialog').getByRole('button', { name: 'Save' }).click();
    await notes.locator('.details-note', { hasText: 'First call went well' }).waitFor();
    await notes
      .getByRole('button', { name: /^Edit note/ })
      .first()
      .click();
    await page.getByTestId('note-dialog').getByRole('textbox').fill('First call went well; callback Friday');
    await page.getByTestId('note-dialog').getByRole('button', { name: 'Save' }).click();
    await notes.locator('.details-note').first().getByText('First call went well; callback Friday').waitFor();
    // F32: DND choices save on change.
    await details.locator('input[name=dnd-email]').check();
    await details.getByText('Do Not Contact saved.').waitFor();
    expect(await screen(page, 'wide-details-edited')).toEqual([]);
    const edited = await api<{ disposition: unknown; tags: { name: string }[]; dnd: { email: boolean } }>(
      'GET',
      `/contacts/${new URL(page.url()).pathname.split('/').pop()}`,
    );
    expect(edited.disposition).not.toBeNull();
    expect(edited.tags.map((tag) => tag.name)).toContain(`E2E ${suffix}`);
    expect(edited.tags).toHaveLength(2);
    expect(edited.dnd.email).toBe(true);

    // F4, F10: clear the search, scroll to load more pages by cursor; no row appears twice. The Chat tab and
    // back keeps the Contacts tab's search text.
    await page.getByPlaceholder('Search contacts…').fill('');
    const list = page.locator('[data-panel=inbox] [data-active=true] [data-testid=inbox-list]');
    const seen = new Set<string>();
    for (let round = 0; round < 12 && seen.size <= 120; round++) {
      const ids = await list.locator('.inbox-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-contact-id')!));
      expect(new Set(ids).size).toBe(ids.length);
      ids.forEach((each) => seen.add(each));
      await list.evaluate((element) => element.scrollBy(0, element.clientHeight));
      await page.waitForTimeout(250);
    }
    expect(seen.size).toBeGreaterThan(100); // more than two pages of 50, loaded while scrolling
    await page.getByPlaceholder('Search contacts…').fill('Zora');
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await expect(page.getByPlaceholder('Search contacts…').inputValue()).resolves.toBe('Zora');

    // Shared singletons: one react-dom for the shell and all three remotes.
    expect(reactDomRequests.filter((url) => /react-dom_client/.test(url))).toHaveLength(1);

    // F5: the deep link opens the contact selected and first in the list, on a fresh page.
    const deepLink = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await deepLink.goto(stack.frontends.shellUrl);
    await deepLink.evaluate(
      (session) => sessionStorage.setItem('conversations.session', session),
      await page.evaluate(() => sessionStorage.getItem('conversations.session')!),
    );
    await deepLink.goto(`${stack.frontends.shellUrl}/conversations/${id}`);
    const first = deepLink.locator('[data-panel=inbox] [data-active=true] .inbox-row').first();
    await first.waitFor();
    await expect(first.getAttribute('data-contact-id')).resolves.toBe(id);
    await expect(first.getAttribute('aria-current')).resolves.toBe('true');

    // F34: on a small screen one panel at a time: list → conversation → details → back.
    await deepLink.setViewportSize({ width: 390, height: 800 });
    await deepLink.getByTestId('conversation-name').click();
    await deepLink.locator('#shell-panel-contact-details[data-visible=true]').waitFor();
    expect(await screen(deepLink, 'narrow-details')).toEqual([]);
    await deepLink.getByRole('button', { name: 'Back to conversation' }).click();
    await deepLink.locator('#shell-panel-conversation[data-visible=true]').waitFor();
    expect(await screen(deepLink, 'narrow-conversation')).toEqual([]);
    await deepLink.getByRole('button', { name: 'Back to list' }).click();
    await deepLink.locator('#shell-panel-inbox[data-visible=true]').waitFor();
    expect(await screen(deepLink, 'narrow-inbox')).toEqual([]);
    await deepLink.close();
    await page.close();
  });

  it('F35: remote locations are runtime data — move one remote to another port by editing only remotes.json; a remote that is down breaks only its panel, and Retry loads it once it is back', async () => {
    // The same built inbox, deployed again on a new origin; the shell is not rebuilt.
    const movedInbox: StaticServer = await serveStatic({ root: distOf('inbox'), port: 0 });
    const downPort = await freePort();
    const shell = await serveStatic({
      root: distOf('shell'),
      port: 0,
      spaFallback: true,
      overrides: {
        '/remotes.json': JSON.stringify({
          apiBaseUrl: stack.apiBaseUrl,
          remotes: {
            ...stack.frontends.remotes,
            inbox: `${movedInbox.url}/mf-manifest.json`,
            conversation: `http://127.0.0.1:${downPort}/mf-manifest.json`,
          },
        }),
      },
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const origins = new Set<string>();
      page.on('request', (request) => origins.add(new URL(request.url()).origin));
      await signIn(page, shell.url);
      expect(origins.has(movedInbox.url)).toBe(true);
      expect(origins.has(stack.frontends.servers.inbox.url)).toBe(false);

      // The conversation remote is down: its panel alone offers Retry; the inbox and details keep working.
      const conversation = page.locator('#shell-panel-conversation');
      await conversation.getByTestId('panel-error').waitFor();
      await expect(conversation.getByRole('button', { name: 'Retry' }).isVisible()).resolves.toBe(true);
      await page.locator('[data-panel=inbox] .inbox-row').first().click();
      await page.locator('[data-panel=contact-details] input[name=firstName]').waitFor();
      expect(await screen(page, 'wide-remote-down')).toEqual([]);

      // The conversation remote comes back where remotes.json says: Retry loads it, nothing else reloads.
      const revived = await serveStatic({ root: distOf('conversation'), port: downPort });
      try {
        await conversation.getByRole('button', { name: 'Retry' }).click();
        await conversation.locator('[data-panel=conversation]').waitFor();
        await expect(conversation.getByTestId('panel-error').count()).resolves.toBe(0);
      } finally {
        await revived.close();
      }
      await page.close();
    } finally {
      await shell.close();
      await movedInbox.close();
    }
  });

  it('F35: the embed demo (plain HTML, no shell) shows the conversation via mount() and the details via the custom element', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Embed',
      lastName: `Demo${uniqueSuffix()}`,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${stack.frontends.embedDemoUrl}&contact=${contact.id}`);
    await page.locator('#status[data-ready=true]').waitFor();
    await page.locator('#conversation-slot [data-testid=conversation-name]').getByText('Embed Demo').waitFor();
    const firstName = page.locator('conversations-contact-details input[name=firstName]');
    await expect(firstName.inputValue()).resolves.toBe('Embed');
    // A change made in the embedded details panel shows in the embedded conversation header (panel bus).
    await firstName.fill('Embedded');
    await page.locator('conversations-contact-details').getByRole('button', { name: 'Save Changes' }).click();
    await page.locator('#conversation-slot [data-testid=conversation-name]').getByText('Embedded Demo').waitFor();
    expect(await screen(page, 'embed-demo')).toEqual([]);
    await page.close();
  });

  it('F6, F7, F16, F20, F21, F23, F24, F31: Chat tab search; an SMS without a From number is refused with the guide’s message; with one it appears in the timeline, the box clears, and it turns delivered', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Sam',
      lastName: `Texter${uniqueSuffix()}`,
      phone: `+1312555${String(Math.floor(1000 + Math.random() * 8999))}`,
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, stack.frontends.shellUrl);
    // F6, F7: the Chat tab lists the seeded SMS conversations and "Search SMS…" filters them by name.
    await page.getByRole('tab', { name: 'Chat' }).click();
    const chatRows = page.locator('[data-panel=inbox] [data-active=true] .inbox-row');
    await chatRows.first().waitFor();
    const total = await chatRows.count();
    const name = (await chatRows.first().locator('.inbox-row-title').textContent())!;
    await page.getByPlaceholder('Search SMS…').fill(name.split(' ')[0]);
    await page.waitForFunction(
      ([expected, before]) => {
        const rows = [...document.querySelectorAll('[data-panel=inbox] [data-active=true] .inbox-row-title')].map((row) => row.textContent);
        return rows.length > 0 && rows.length < (before as number) && rows.every((row) => row!.includes(expected as string));
      },
      [name.split(' ')[0], total] as const,
    );
    expect(await screen(page, 'wide-chat-search')).toEqual([]);
    await page.goto(`${stack.frontends.shellUrl}/conversations/${contact.id}`);
    const text = page.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill('Hello {{contact.first_name}}');
    await page.getByText('Preview:').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Select a From number in SMS Setting').waitFor();
    await expect(page.getByTestId('message').count()).resolves.toBe(0);
    expect(await screen(page, 'wide-from-required')).toEqual([]);

    // Choose From in the right panel; the composer sees it through the shared cache and the send goes out.
    const from = page.locator('[data-panel=contact-details] select[name=sms-from]');
    const firstNumber = await from.locator('option').nth(1).getAttribute('value');
    await from.selectOption(firstNumber!);
    await page.getByText('From number saved.').waitFor();
    // #14 §10: the picker by keyboard — it opens with its search focused, Escape closes it back onto the button.
    const emojiButton = page.getByRole('button', { name: 'Emoji' });
    await emojiButton.focus();
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog', { name: 'Choose an emoji' });
    await picker.locator('input').first().waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=dialog][aria-label="Choose an emoji"]'));
    expect(await screen(page, 'wide-emoji-picker')).toEqual([]);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Emoji');
    // F20: an emoji from the picker goes in at the cursor (the end here).
    await emojiButton.click();
    await page.locator('.epr-emoji-native').first().click();
    await page.waitForFunction(() =>
      /^Hello \{\{contact.first_name\}\}\S+$/u.test((document.querySelector('textarea[aria-label=Message]') as HTMLTextAreaElement).value),
    );
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('message').filter({ hasText: 'Hello Sam' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('textarea[aria-label=Message]') as HTMLTextAreaElement).value === '');
    expect(await screen(page, 'wide-sent')).toEqual([]);
    // F16: the carrier's delivery reports (simulator → signed webhook → SSE) turn the same bubble delivered, in place.
    const sent = page.getByTestId('message').filter({ hasText: 'Hello Sam' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=message]')].some(
        (element) => /Hello Sam/.test(element.textContent ?? '') && element.getAttribute('data-status') === 'delivered',
      ),
    );
    await waitForCount(sent, 1);
    await sent.locator('.conversation-status--delivered').waitFor(); // the double check mark
    expect(await screen(page, 'wide-delivered')).toEqual([]);
    await page.close();
  });
});

describe('Conversations in a real browser: timeline, unread, appointments, DND, small screens', () => {
  // Fresh for every run of a test, so CI's retry (retry-in-ci.js) never meets the first run's records.
  let suffix = '';
  beforeEach(() => (suffix = uniqueSuffix()));
  const smsNumber = async () =>
    (await api<{ number: string; capabilities: { sms: boolean } }[]>('GET', '/numbers')).find((number) => number.capabilities.sms)!.number;
  const messageTexts = (page: Page) => page.getByTestId('message').locator('.conversation-bubble').allTextContents();

  it('F14: scrolling up loads older messages, keeps what was on screen where it was, and shows every message once', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Olga',
      lastName: `Older${suffix}`,
      phone: randomPhone('646'),
    });
    const from = await smsNumber();
    for (let index = 1; index <= 45; index++)
      await api('POST', `/contacts/${contact.id}/messages`, {
        channel: 'sms',
        body: `Older ${String(index).padStart(2, '0')}`,
        from,
        clientMessageId: `older-${suffix}-${index}`,
      });
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    await page.getByTestId('message').filter({ hasText: 'Older 45' }).waitFor();
    await waitForCount(page.getByTestId('message'), 30); // one page
    // The newest are in view at first.
    await expect(page.getByTestId('message').filter({ hasText: 'Older 45' }).isVisible()).resolves.toBe(true);
    const timeline = page.getByTestId('timeline');
    expect(await screen(page, 'wide-timeline-first-page')).toEqual([]);

    // Scroll to the top: the oldest loaded message is measured at that moment, the older page loads above it.
    const anchor = await timeline.evaluate((element) => {
      element.scrollTop = 0;
      const first = element.querySelector('[data-testid=message]')!;
      return {
        id: first.getAttribute('data-message-id')!,
        text: first.querySelector('.conversation-bubble')!.textContent,
        top: first.getBoundingClientRect().top,
      };
    });
    expect(anchor.text).toBe('Older 16');
    await waitForCount(page.getByTestId('message'), 45);
    await page.getByText('Beginning of the conversation').waitFor({ state: 'attached' });
    const after = await timeline.evaluate(
      (element, id) => ({
        top: element.querySelector(`[data-message-id="${id}"]`)!.getBoundingClientRect().top,
        scrollTop: element.scrollTop,
      }),
      anchor.id,
    );
    expect(Math.abs(after.top - anchor.top)).toBeLessThanOrEqual(2); // the view did not jump
    expect(after.scrollTop).toBeGreaterThan(0);
    expect(await messageTexts(page)).toEqual(Array.from({ length: 45 }, (_, index) => `Older ${String(index + 1).padStart(2, '0')}`));
    const ids = await page
      .getByTestId('message')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-message-id')));
    expect(new Set(ids).size).toBe(45);
    expect(await screen(page, 'wide-timeline-older-loaded')).toEqual([]);
    await timeline.evaluate((element) => (element.scrollTop = 0));
    expect(await screen(page, 'wide-timeline-top')).toEqual([]);
    await page.close();
  });

  it('F6, F11: an inbound SMS shows live with an unread badge; opening the conversation clears it, and a reply arriving while open leaves none', async () => {
    const phone = randomPhone('718');
    await api('POST', '/contacts', { firstName: 'Una', lastName: `Unread${suffix}`, phone });
    const to = await smsNumber();
    const page = await signedInPage();
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.locator('[data-panel=inbox] [data-active=true] .inbox-row').first().waitFor();
    await simulator('/simulate/inbound', { from: phone, to, text: `Are you open Saturday? ${suffix}` });
    const row = page.locator('[data-panel=inbox] [data-active=true] .inbox-row', { hasText: `Una Unread${suffix}` });
    const badge = row.locator('.cv-badge');
    await badge.waitFor(); // live, through SSE
    await expect(badge.textContent()).resolves.toBe('1');
    await expect(page.locator('[data-panel=inbox] [data-active=true] .inbox-row').first().textContent()).resolves.toContain(
      `Una Unread${suffix}`,
    );
    expect(await screen(page, 'wide-chat-unread')).toEqual([]);

    await row.click();
    await page
      .getByTestId('message')
      .filter({ hasText: `Are you open Saturday? ${suffix}` })
      .waitFor();
    await waitForCount(badge, 0);
    const unreadOnServer = async () =>
      (await api<{ items: { unreadCount: number }[] }>('GET', `/conversations?search=Unread${suffix}`)).items[0].unreadCount;
    await expect(unreadOnServer()).resolves.toBe(0);

    await simulator('/simulate/inbound', { from: phone, to, text: `Or Sunday? ${suffix}` });
    await page
      .getByTestId('message')
      .filter({ hasText: `Or Sunday? ${suffix}` })
      .waitFor();
    const deadline = Date.now() + 10_000;
    while ((await unreadOnServer()) !== 0 && Date.now() < deadline) await page.waitForTimeout(200);
    await expect(unreadOnServer()).resolves.toBe(0);
    await waitForCount(badge, 0);
    expect(await screen(page, 'wide-chat-read')).toEqual([]);
    await page.close();
  });

  it('F30: Add shows free times of a calendar; booking one puts the appointment under Appointments', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', { firstName: 'Abe', lastName: `Booker${suffix}` });
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    const section = page.locator('[data-testid=section-appointments]');
    await section.getByText('No upcoming appointments.').waitFor();
    await section.getByRole('button', { name: 'Add' }).click();
    const date = section.locator('input[type=date]');
    const slots = section.getByRole('group', { name: 'Free times' }).getByRole('button');
    // Today may be over or a day off: move a day at a time until the calendar has free times.
    for (let day = 0; day < 10; day++) {
      await page.waitForFunction(() => {
        const box = document.querySelector('[data-testid=section-appointments] [aria-label="Free times"]');
        return !!box && (box.querySelector('button') !== null || /No free times/.test(box.textContent ?? ''));
      });
      if (await slots.count()) break;
      const current = await date.inputValue();
      const next = new Date(Date.parse(`${current}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await date.fill(next);
      await page.waitForFunction(
        (value) => (document.querySelector('[data-testid=section-appointments] input[type=date]') as HTMLInputElement).value === value,
        next,
      );
    }
    expect(await screen(page, 'wide-appointment-slots')).toEqual([]);
    const chosen = slots.first();
    await chosen.click();
    await expect(chosen.getAttribute('aria-pressed')).resolves.toBe('true');
    await section.getByRole('button', { name: 'Book appointment' }).click();
    const booked = section.locator('.details-appointment');
    await booked.first().waitFor();
    await waitForCount(booked, 1);
    await page.locator('[data-testid=contact-details]').evaluate((element) => {
      const target = element.querySelector('[data-testid=section-appointments]') as HTMLElement;
      element.scrollTop = target.offsetTop - 60;
    });
    expect(await screen(page, 'wide-appointment-added')).toEqual([]);
    const stored = await api<{ items: { contactId: string; status: string }[] }>(
      'GET',
      `/contacts/${contact.id}/appointments?when=upcoming`,
    );
    expect(stored.items).toHaveLength(1);
    // View shows the details.
    await booked.first().getByRole('button', { name: 'View' }).click();
    await booked.first().locator('.details-dl').waitFor();
    await page.close();
  });

  it('F26: custom fields are edited in Contact Info: a bad name is pointed out beside it, a good one saves and is there after a reload', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Cora',
      lastName: `Custom${suffix}`,
      customFields: { visits: 3 },
    });
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    const info = page.locator('[data-testid=section-contact-info]');
    const visits = info.locator('input[name="customFields.visits"]');
    await expect(visits.inputValue()).resolves.toBe('3');
    await visits.fill('4');
    await info.getByRole('button', { name: 'Add custom field' }).click();
    await info.getByPlaceholder('e.g. loyaltyTier').fill('2 fast');
    await info.getByRole('textbox', { name: 'Value', exact: true }).fill('gold');
    await info.getByRole('button', { name: 'Save Changes' }).click();
    await info.getByText('Use 1–40 letters, digits or _, starting with a letter (e.g. loyaltyTier).').waitFor();
    await info.locator('[data-testid=custom-fields]').scrollIntoViewIfNeeded();
    expect(await screen(page, 'wide-custom-field-error')).toEqual([]);
    await info.getByPlaceholder('e.g. loyaltyTier').fill('loyaltyTier');
    await info.getByRole('button', { name: 'Save Changes' }).click();
    await info.getByText('Contact saved.').waitFor();
    await info.locator('input[name="customFields.loyaltyTier"]').waitFor();
    expect(await screen(page, 'wide-custom-field-saved')).toEqual([]);
    const stored = await api<{ customFields: Record<string, unknown> }>('GET', `/contacts/${contact.id}`);
    expect(stored.customFields).toEqual({ visits: 4, loyaltyTier: 'gold' });
    await page.reload();
    await expect(page.locator('[data-testid=section-contact-info] input[name="customFields.loyaltyTier"]').inputValue()).resolves.toBe(
      'gold',
    );
    await page.close();
  });

  it('F22, F32: DND choices save as they change and survive a reload; DND for text blocks Send (and the server refuses too)', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Dina',
      lastName: `Donot${suffix}`,
      phone: randomPhone('505'),
    });
    const from = await smsNumber();
    await api('PUT', `/contacts/${contact.id}/sms-from`, { from });
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    const details = page.locator('[data-panel=contact-details]');
    const dnd = (channel: string) => details.locator(`input[name=dnd-${channel}]`);
    const send = page.getByRole('button', { name: 'Send' });
    const text = page.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill('Hello?');
    const sendEnabled = () =>
      page.waitForFunction(() => !(document.querySelector('[data-panel=conversation] button[type=submit]') as HTMLButtonElement).disabled);
    await sendEnabled(); // once the From number is known

    await dnd('sms').check();
    await details.getByText('Do Not Contact saved.').waitFor();
    await page.getByText('This contact has Do Not Contact set for text messages. Sending is blocked.').waitFor();
    await expect(send.isDisabled()).resolves.toBe(true);
    await dnd('calls').check();
    await page.waitForFunction(
      () => !(document.querySelector('[data-panel=contact-details] input[name=dnd-calls]') as HTMLInputElement).disabled,
    );
    await details.locator('[data-testid=section-dnd]').scrollIntoViewIfNeeded();
    expect(await screen(page, 'wide-dnd-blocked')).toEqual([]);
    const refused = await fetch(`${stack.apiBaseUrl}/api/v1/contacts/${contact.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', body: 'sneaky', from }),
    });
    expect(refused.status).toBe(409);

    await page.reload();
    await dnd('sms').waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[data-panel=contact-details] input[name=dnd-sms]') as HTMLInputElement | null)?.checked === true,
    );
    await expect(dnd('calls').isChecked()).resolves.toBe(true);
    await expect(dnd('email').isChecked()).resolves.toBe(false);
    await page.getByText('This contact has Do Not Contact set for text messages. Sending is blocked.').waitFor();
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello again?');
    await expect(send.isDisabled()).resolves.toBe(true);
    expect(await screen(page, 'wide-dnd-after-reload')).toEqual([]);

    await dnd('sms').uncheck();
    await details.getByText('Do Not Contact saved.').waitFor();
    await waitForCount(page.getByText('This contact has Do Not Contact set for text messages. Sending is blocked.'), 0);
    await sendEnabled();
    const stored = await api<{ dnd: { sms: boolean; calls: boolean } }>('GET', `/contacts/${contact.id}`);
    expect(stored.dnd).toMatchObject({ sms: false, calls: true });
    await page.close();
  });

  it('F38: Send later in the contact’s time zone shows scheduled in the timeline; its text is edited, it is canceled and says so; one due in 35 s goes out and turns delivered live', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Dora',
      lastName: `Later${suffix}`,
      phone: randomPhone('917'),
      timeZone: 'Europe/Madrid',
    });
    const from = await smsNumber();
    await api('PUT', `/contacts/${contact.id}/sms-from`, { from });
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    const text = page.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill(`Your crown is ready ${suffix}`);
    const options = page.getByRole('button', { name: 'Schedule options' });
    await page.waitForFunction(() => !(document.querySelector('[aria-label="Schedule options"]') as HTMLButtonElement).disabled);
    // By keyboard: ↓ on the split button opens its menu on "Send later…".
    await options.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menuitem', { name: 'Send later…' }).waitFor();
    expect(await screen(page, 'wide-send-later-menu')).toEqual([]);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('schedule-dialog');
    await dialog.getByRole('heading', { name: 'Send later' }).waitFor();
    await dialog.getByRole('button', { name: 'In 1 hour' }).click();
    await dialog.getByRole('button', { name: /Tomorrow 9:00 AM/ }).click();
    await expect(dialog.getByTestId('schedule-summary').textContent()).resolves.toMatch(/9:00\sAM for Dora \(Europe\/Madrid\) · /);
    await dialog.getByRole('checkbox', { name: 'Cancel if they reply first' }).check();
    expect(await screen(page, 'wide-send-later-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const entry = page.getByTestId('message').filter({ hasText: `Your crown is ready ${suffix}` });
    await entry.locator('[data-testid=message-schedule-label]', { hasText: /Scheduled for \w+ 9:00\sAM \(contact time\)/ }).waitFor();
    await expect(entry.getAttribute('data-status')).resolves.toBe('scheduled');
    await expect(text.inputValue()).resolves.toBe('');
    const [stored] = (
      await api<{ items: { id: string; schedule: { scheduledAt: string; cancelIfReplied: boolean } }[] }>(
        'GET',
        `/scheduled-messages?contactId=${contact.id}`,
      )
    ).items;
    const madridTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' });
    expect(madridTime.format(new Date(stored.schedule.scheduledAt))).toBe('09:00');
    expect(stored.schedule.cancelIfReplied).toBe(true);
    expect(await screen(page, 'wide-scheduled')).toEqual([]);

    // Edit: the same dialog, with the text.
    await entry.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByRole('heading', { name: 'Edit scheduled message' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Message' }).fill(`Your crown is ready, see you at 9 ${suffix}`);
    expect(await screen(page, 'wide-scheduled-edit')).toEqual([]);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const edited = page.getByTestId('message').filter({ hasText: `Your crown is ready, see you at 9 ${suffix}` });
    await edited.waitFor();
    await waitForCount(page.getByTestId('message'), 1);

    // Cancel, confirmed.
    await edited.getByRole('button', { name: 'Cancel', exact: true }).click();
    await edited.getByRole('button', { name: 'Cancel message' }).waitFor();
    expect(await screen(page, 'wide-scheduled-cancel-confirm')).toEqual([]);
    await edited.getByRole('button', { name: 'Cancel message' }).click();
    await edited.getByText('Canceled — canceled by a user before it was sent').waitFor();
    await expect(edited.getAttribute('data-status')).resolves.toBe('canceled');
    expect(await screen(page, 'wide-scheduled-canceled')).toEqual([]);

    // One due in 35 s (the stack keeps the server's 30 s minimum; the dialog asks a minute, so the API schedules
    // it): it shows live as scheduled, then goes and turns delivered in place.
    await api('POST', `/contacts/${contact.id}/messages`, {
      channel: 'sms',
      body: `Due soon ${suffix}`,
      from,
      clientMessageId: `due-${suffix}`,
      scheduledAt: new Date(Date.now() + 35_000).toISOString(),
    });
    const due = page.getByTestId('message').filter({ hasText: `Due soon ${suffix}` });
    await due.locator('[data-testid=message-schedule-label]').waitFor();
    // While it waits: the same on a phone-sized screen, and Escape closes the dialog back onto the split button.
    await page.setViewportSize({ width: 390, height: 844 });
    await text.fill(`Draft ${suffix}`);
    expect(await screen(page, 'narrow-scheduled')).toEqual([]);
    await options.click();
    await page.getByRole('menuitem', { name: 'Send later…' }).click();
    await dialog.getByRole('heading', { name: 'Send later' }).waitFor();
    expect(await screen(page, 'narrow-send-later-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Schedule options');
    await expect(text.inputValue()).resolves.toBe(`Draft ${suffix}`);
    await page.waitForFunction(
      (body) =>
        [...document.querySelectorAll('[data-testid=message]')].some(
          (element) => element.textContent?.includes(body) && element.getAttribute('data-status') === 'delivered',
        ),
      `Due soon ${suffix}`,
      { timeout: 50_000 },
    );
    await waitForCount(due, 1);
    await expect(due.locator('[data-testid=message-schedule-label]').count()).resolves.toBe(0);
    expect(await screen(page, 'wide-scheduled-delivered')).toEqual([]);
    await page.close();
  });

  it('F34: on a phone-sized screen: Chat tab → a conversation → back to the list (tab kept) → the conversation again → details from the header name', async () => {
    const page = await signedInPage({ width: 390, height: 844 });
    const visible = (view: string) => page.locator(`#shell-panel-${view}[data-visible=true]`);
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.getByRole('tab', { name: 'Chat' }).click();
    const row = page.locator('[data-panel=inbox] [data-active=true] .inbox-row').first();
    await row.waitFor();
    const name = (await row.locator('.inbox-row-title').textContent())!;
    expect(await screen(page, 'narrow-chat-list')).toEqual([]);
    await expect(noSideways()).resolves.toBe(true);

    await row.click();
    await visible('conversation').waitFor();
    await page.getByTestId('conversation-name').getByText(name).waitFor();
    await page.getByTestId('message').first().waitFor();
    await expect(page.locator('#shell-panel-inbox').getAttribute('data-visible')).resolves.toBe('false');
    expect(await screen(page, 'narrow-chat-conversation')).toEqual([]);
    await expect(noSideways()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Back to list' }).click();
    await visible('inbox').waitFor();
    await expect(page.getByRole('tab', { name: 'Chat' }).getAttribute('aria-selected')).resolves.toBe('true');
    expect(await screen(page, 'narrow-chat-back-to-list')).toEqual([]);

    await row.click();
    await visible('conversation').waitFor();
    await page.getByTestId('conversation-name').click();
    await visible('contact-details').waitFor();
    await page.locator('[data-panel=contact-details] input[name=firstName]').waitFor();
    expect(await screen(page, 'narrow-chat-details')).toEqual([]);
    await expect(noSideways()).resolves.toBe(true);
    await page.close();
  });
});

describe('Calls in a real browser: click-to-call through the carrier simulator, timeline, Calls tab, recording', () => {
  let suffix = '';
  beforeEach(() => (suffix = `${uniqueSuffix()}c`));
  const callStatusOf = (page: Page) => page.getByTestId('call').first().getAttribute('data-status');

  async function waitForFinalCall(page: Page): Promise<void> {
    await page.getByTestId('call').first().waitFor();
    await page.waitForFunction(
      () =>
        ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(
          document.querySelector('[data-testid=call]')?.getAttribute('data-status') ?? '',
        ),
      null,
      {
        timeout: 30_000,
      },
    );
  }

  it('F13, F14, F8, F9: Call rings the user then the contact; the call shows live in the timeline with outcome and length, and in the Calls tab', async () => {
    const phone = randomPhone('415');
    const contact = await api<{ id: string }>('POST', '/contacts', { firstName: 'Cal', lastName: `Caller${suffix}`, phone });
    const voiceNumbers = (await api<{ number: string; capabilities: { voice: boolean } }[]>('GET', '/numbers')).filter(
      (number) => number.capabilities.voice,
    );
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    await page.getByTestId('conversation-name').getByText(`Cal Caller${suffix}`).waitFor();
    await page.getByText('No messages yet. Say hello below.').waitFor();

    await page.getByRole('button', { name: 'Call', exact: true }).click();
    if (voiceNumbers.length > 1) {
      const picker = page.getByRole('dialog', { name: 'Place a call' });
      await picker.waitFor();
      expect(await screen(page, 'wide-call-picker')).toEqual([]);
      await picker.getByRole('button', { name: /^Call/ }).click();
    }
    await page.getByText(/Calling your phone/).waitFor();
    expect(await screen(page, 'wide-calling')).toEqual([]);
    await waitForFinalCall(page);
    await expect(callStatusOf(page)).resolves.toBe('completed');
    const entry = page.getByTestId('call').first();
    await expect(entry.textContent()).resolves.toMatch(/Outgoing call.*Completed · \d+s/);
    await page
      .getByTestId('call-status')
      .getByText(/Call ended: Completed/)
      .waitFor();

    // What the carrier did: our number rang the user's phone (+14155550111, Ana's profile), then the contact.
    const carrier = (await (await fetch(`${stack.simulatorUrl}/simulate/calls`)).json()) as {
      calls: { legs: { leg: string; to: string; from: string }[] }[];
    };
    const digits = (number: string) => number.replace(/^\+/, '');
    const ours = carrier.calls.find((call) => call.legs.some((leg) => digits(leg.to) === digits(phone)));
    expect(ours?.legs.map((leg) => [leg.leg, digits(leg.to)])).toEqual([
      ['A', '14155550111'],
      ['B', digits(phone)],
    ]);

    // F17: Acme records calls (a tenant setting of the calls seed): the carrier's recording arrives a moment
    // after the hang-up, and the entry gets its player live.
    await entry.getByTestId('recording').waitFor({ state: 'attached' });
    const stored = await api<{ items: { contactId: string; recording: unknown }[] }>(
      'GET',
      `/calls?search=${encodeURIComponent(`Caller${suffix}`)}`,
    );
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0].recording).toMatchObject({ url: expect.stringContaining('/recording') });
    expect(await screen(page, 'wide-call-ended')).toEqual([]);

    // F8, F9: the Calls tab lists it (newest first), with direction, outcome and length; search by name finds it.
    await page.getByRole('tab', { name: 'Calls' }).click();
    const callRows = page.locator('[data-panel=inbox] [data-active=true] .inbox-row');
    const row = callRows.filter({ hasText: `Cal Caller${suffix}` });
    await row.first().waitFor();
    await expect(callRows.first().textContent()).resolves.toContain(`Cal Caller${suffix}`);
    await expect(row.first().getAttribute('data-tone')).resolves.toBe('completed');
    await expect(row.first().textContent()).resolves.toMatch(/Outgoing · Completed.*\d+s/);
    expect(await screen(page, 'wide-calls-tab')).toEqual([]);
    await page.getByPlaceholder('Search calls…').fill(`Caller${suffix}`);
    await waitForCount(callRows, 1);
    await page.getByPlaceholder('Search calls…').fill(phone.slice(-7));
    await waitForCount(callRows.filter({ hasText: `Cal Caller${suffix}` }), 1);
    expect(await screen(page, 'wide-calls-search')).toEqual([]);

    // F34: the same on a phone: the call entry and the From choice fit the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.frontends.shellUrl}/conversations/${contact.id}`);
    await page.locator('#shell-panel-conversation[data-visible=true]').waitFor();
    await page.getByTestId('call').first().waitFor();
    expect(await screen(page, 'narrow-call-timeline')).toEqual([]);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    if (voiceNumbers.length > 1) {
      const picker = page.getByRole('dialog', { name: 'Place a call' });
      await picker.waitFor();
      const box = (await picker.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await screen(page, 'narrow-call-picker')).toEqual([]);
      await page.keyboard.press('Escape');
      await waitForCount(page.getByRole('dialog', { name: 'Place a call' }), 0);
    }
    await page.getByRole('button', { name: 'Back to list' }).click();
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('[data-panel=inbox] [data-active=true] .inbox-row').first().waitFor();
    expect(await screen(page, 'narrow-calls-tab')).toEqual([]);
    await page.close();
  });

  it('F17, F8, F11: an inbound call nobody takes goes to voicemail; it appears live as a missed call whose recording plays and seeks (HTTP Range, signed link)', async () => {
    const phone = randomPhone('917');
    const contact = await api<{ id: string }>('POST', '/contacts', { firstName: 'Vera', lastName: `Voicemail${suffix}`, phone });
    const voiceNumber = (await api<{ number: string; capabilities: { voice: boolean } }[]>('GET', '/numbers')).find(
      (number) => number.capabilities.voice,
    )!.number;
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${contact.id}`);
    const audioResponses: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/media/recordings/')) audioResponses.push(response.status());
    });
    await page.getByText('No messages yet. Say hello below.').waitFor();
    // The contact is unassigned, so the account's default number rings (the demo's is Ana's phone, +14155550111).
    // Nobody picks up there: the caller is sent to voicemail and leaves 8 s.
    const outcomes = (body: Record<string, string | null>) =>
      fetch(`${stack.simulatorUrl}/simulate/voice/outcomes`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await outcomes({ '+14155550111': 'no-answer' })).ok).toBe(true);
    try {
      await simulator('/simulate/inbound-call', { from: phone, to: voiceNumber, talkSeconds: 8 });
    } finally {
      await outcomes({ '+14155550111': null });
    }
    const entry = page.getByTestId('call').first();
    await waitForFinalCall(page);
    await expect(entry.getAttribute('data-tone')).resolves.toBe('missed');
    await expect(entry.textContent()).resolves.toMatch(/Incoming call.*Missed/);
    await expect(entry.getAttribute('class')).resolves.toContain('conversation-message--in');

    const audio = entry.getByTestId('recording');
    await audio.waitFor({ state: 'attached', timeout: 20_000 });
    await page.waitForFunction(() =>
      /\/api\/v1\/media\/recordings\//.test((document.querySelector('[data-testid=recording]') as HTMLAudioElement | null)?.src ?? ''),
    );
    expect(await screen(page, 'wide-call-voicemail')).toEqual([]);
    const playback = await audio.evaluate(async (element: HTMLAudioElement) => {
      const once = (event: string) => new Promise((resolve) => element.addEventListener(event, resolve, { once: true }));
      const before = { readyState: element.readyState, preload: element.preload };
      element.muted = true;
      const playing = once('playing');
      await element.play();
      await playing;
      const duration = element.duration;
      const seeked = once('seeked');
      element.currentTime = duration / 2;
      await seeked;
      element.pause();
      return {
        before,
        readyState: element.readyState,
        duration,
        currentTime: element.currentTime,
        seekableEnd: element.seekable.length ? element.seekable.end(0) : 0,
        error: element.error?.code ?? null,
      };
    });
    expect(playback.before).toEqual({ readyState: 0, preload: 'none' }); // nothing fetched before Play
    expect(playback.error).toBeNull();
    expect(playback.readyState).toBeGreaterThanOrEqual(2);
    expect(playback.duration).toBeGreaterThan(7);
    expect(playback.duration).toBeLessThan(9);
    expect(Math.abs(playback.currentTime - playback.duration / 2)).toBeLessThan(0.5);
    expect(playback.seekableEnd).toBeCloseTo(playback.duration, 0);
    expect(audioResponses).toContain(206); // the browser asked for byte ranges and got them
    expect(audioResponses.every((status) => status === 206 || status === 200)).toBe(true);
    expect(await screen(page, 'wide-call-voicemail-played')).toEqual([]);

    // F8: the Calls tab shows it as an incoming missed call.
    await page.getByRole('tab', { name: 'Calls' }).click();
    const row = page.locator('[data-panel=inbox] [data-active=true] .inbox-row', { hasText: `Vera Voicemail${suffix}` });
    await row.waitFor();
    await expect(row.getAttribute('data-tone')).resolves.toBe('missed');
    await expect(row.textContent()).resolves.toMatch(/Incoming · Missed/);
    await page.close();
  });

  it('F8, F13: a busy contact ends the call “Busy” in missed colours; DND for calls shows the warning and dials nothing', async () => {
    const busyPhone = randomPhone('312');
    const busy = await api<{ id: string }>('POST', '/contacts', { firstName: 'Bea', lastName: `Busy${suffix}`, phone: busyPhone });
    const response = await fetch(`${stack.simulatorUrl}/simulate/voice/outcomes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ [busyPhone]: 'busy' }),
    });
    expect(response.ok).toBe(true);
    const page = await signedInPage({ width: 1440, height: 900 }, `/conversations/${busy.id}`);
    await page.getByTestId('conversation-name').getByText(`Bea Busy${suffix}`).waitFor();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Place a call' });
    if (await picker.isVisible()) await picker.getByRole('button', { name: /^Call/ }).click();
    await waitForFinalCall(page);
    await expect(callStatusOf(page)).resolves.toBe('busy');
    await expect(page.getByTestId('call').first().getAttribute('data-tone')).resolves.toBe('missed');
    await page
      .getByTestId('call-status')
      .getByText(/Call ended: Busy/)
      .waitFor();
    expect(await screen(page, 'wide-call-busy')).toEqual([]);

    const dndPhone = randomPhone('212');
    const dnd = await api<{ id: string }>('POST', '/contacts', { firstName: 'Dan', lastName: `Nocalls${suffix}`, phone: dndPhone });
    await api('PATCH', `/contacts/${dnd.id}/dnd`, { calls: true });
    await page.goto(`${stack.frontends.shellUrl}/conversations/${dnd.id}`);
    await page.getByTestId('conversation-name').getByText(`Dan Nocalls${suffix}`).waitFor();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByText('This contact has Do Not Contact set for calls. Calling is blocked.').waitFor();
    expect(await screen(page, 'wide-call-dnd')).toEqual([]);
    // The server refuses too (409), and nothing reached the carrier.
    const refused = await fetch(`${stack.apiBaseUrl}/api/v1/contacts/${dnd.id}/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: (await api<{ number: string; capabilities: { voice: boolean } }[]>('GET', '/numbers')).find(
          (number) => number.capabilities.voice,
        )!.number,
      }),
    });
    expect(refused.status).toBe(409);
    const carrier = (await (await fetch(`${stack.simulatorUrl}/simulate/calls`)).json()) as { calls: { legs: { to: string }[] }[] };
    expect(carrier.calls.some((call) => call.legs.some((leg) => leg.to.replace(/^\+/, '') === dndPhone.slice(1)))).toBe(false);
    await page.close();
  });
});
