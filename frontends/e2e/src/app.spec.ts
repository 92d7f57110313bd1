import { serveStatic, distOf, type StaticServer } from '@conversations/static-server';
import { freePort } from '@conversations/testing';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, SCREENS_DIR } from './browser';
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

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
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
  stack = await startStack({ services: ['messaging'] });
  const issued = await fetch(`${stack.apiBaseUrl}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: 'acme', userId: 'u-ana' }),
  });
  token = ((await issued.json()) as { token: string }).token;
  browser = await launchBrowser();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Conversations in a real browser', () => {
  it('F1–F5, F10, F11, F26–F29, F32, F34: sign in, search, open a contact, edit info, disposition, tags, notes, DND; scroll without duplicates; deep link; small screens', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const lastName = `Quokka${suffix}`;
    const phone = `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`;
    await api('POST', '/contacts', { firstName: 'Zelda', lastName, phone });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const reactDomRequests: string[] = [];
    page.on('request', (request) => {
      if (/react-dom/.test(request.url()) && request.url().endsWith('.js')) reactDomRequests.push(request.url());
    });
    await signIn(page, stack.frontends.shellUrl);
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-contacts.png') });

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
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-field-error.png') });

    // …and a valid change saves, is confirmed, and shows in the list and the header at once.
    await page.locator('[data-panel=contact-details] input[name=email]').fill('');
    await firstName.fill('Zora');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('Contact saved.').waitFor();
    await page.getByTestId('conversation-name').getByText(`Zora ${lastName}`).waitFor();
    await page.locator('[data-panel=inbox] .inbox-row', { hasText: `Zora ${lastName}` }).waitFor();
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-saved.png') });

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
    await notes.getByRole('button', { name: /^Edit note/ }).first().click();
    await page.getByTestId('note-dialog').getByRole('textbox').fill('First call went well; callback Friday');
    await page.getByTestId('note-dialog').getByRole('button', { name: 'Save' }).click();
    await notes.locator('.details-note').first().getByText('First call went well; callback Friday').waitFor();
    // F32: DND choices save on change.
    await details.locator('input[name=dnd-email]').check();
    await details.getByText('Do Not Contact saved.').waitFor();
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-details-edited.png') });
    const edited = await api<{ disposition: unknown; tags: { name: string }[]; dnd: { email: boolean } }>('GET', `/contacts/${new URL(page.url()).pathname.split('/').pop()}`);
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
    await deepLink.evaluate((session) => sessionStorage.setItem('conversations.session', session), await page.evaluate(() => sessionStorage.getItem('conversations.session')!));
    await deepLink.goto(`${stack.frontends.shellUrl}/conversations/${id}`);
    const first = deepLink.locator('[data-panel=inbox] [data-active=true] .inbox-row').first();
    await first.waitFor();
    await expect(first.getAttribute('data-contact-id')).resolves.toBe(id);
    await expect(first.getAttribute('aria-current')).resolves.toBe('true');

    // F34: on a small screen one panel at a time: list → conversation → details → back.
    await deepLink.setViewportSize({ width: 390, height: 800 });
    await deepLink.getByTestId('conversation-name').click();
    await deepLink.locator('#shell-panel-contact-details[data-visible=true]').waitFor();
    await deepLink.screenshot({ path: join(SCREENS_DIR, 'narrow-details.png') });
    await deepLink.getByRole('button', { name: 'Back to conversation' }).click();
    await deepLink.locator('#shell-panel-conversation[data-visible=true]').waitFor();
    await deepLink.screenshot({ path: join(SCREENS_DIR, 'narrow-conversation.png') });
    await deepLink.getByRole('button', { name: 'Back to list' }).click();
    await deepLink.locator('#shell-panel-inbox[data-visible=true]').waitFor();
    await deepLink.screenshot({ path: join(SCREENS_DIR, 'narrow-inbox.png') });
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
          remotes: { ...stack.frontends.remotes, inbox: `${movedInbox.url}/mf-manifest.json`, conversation: `http://127.0.0.1:${downPort}/mf-manifest.json` },
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
      await page.screenshot({ path: join(SCREENS_DIR, 'wide-remote-down.png') });

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
    const contact = await api<{ id: string }>('POST', '/contacts', { firstName: 'Embed', lastName: `Demo${Date.now().toString(36).slice(-4)}` });
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
    await page.screenshot({ path: join(SCREENS_DIR, 'embed-demo.png') });
    await page.close();
  });

  it('F6, F7, F20, F21, F23, F24, F31: Chat tab search; an SMS without a From number is refused with the guide’s message; with one it appears in the timeline and the box clears', async () => {
    const contact = await api<{ id: string }>('POST', '/contacts', { firstName: 'Sam', lastName: `Texter${Date.now().toString(36).slice(-4)}`, phone: `+1312555${String(Math.floor(1000 + Math.random() * 8999))}` });
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
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-chat-search.png') });
    await page.goto(`${stack.frontends.shellUrl}/conversations/${contact.id}`);
    const text = page.getByRole('textbox', { name: 'Message', exact: true });
    await text.fill('Hello {{contact.first_name}}');
    await page.getByText('Preview:').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Select a From number in SMS Setting').waitFor();
    await expect(page.getByTestId('message').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-from-required.png') });

    // Choose From in the right panel; the composer sees it through the shared cache and the send goes out.
    const from = page.locator('[data-panel=contact-details] select[name=sms-from]');
    const firstNumber = await from.locator('option').nth(1).getAttribute('value');
    await from.selectOption(firstNumber!);
    await page.getByText('From number saved.').waitFor();
    // F20: an emoji from the picker goes in at the cursor (the end here).
    await page.getByRole('button', { name: 'Emoji' }).click();
    await page.locator('.epr-emoji-native').first().click();
    await page.waitForFunction(() => /^Hello \{\{contact.first_name\}\}\S+$/u.test((document.querySelector('textarea[aria-label=Message]') as HTMLTextAreaElement).value));
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('message').filter({ hasText: 'Hello Sam' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('textarea[aria-label=Message]') as HTMLTextAreaElement).value === '');
    await page.screenshot({ path: join(SCREENS_DIR, 'wide-sent.png') });
    await page.close();
  });
});
