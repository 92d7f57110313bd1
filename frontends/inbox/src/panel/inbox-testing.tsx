import type { Page } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeEventSource, fakeFetch, type FakeAnswer, type FakeRequest, type FakeRoute } from '@conversations/ui/testing';
import { fireEvent, render, waitFor, within } from '@testing-library/react';
import InboxPanel from './InboxPanel';

/** The inbox panel on fake API routes and a fake event stream, for the inbox's component tests. */
export function renderInbox(routes: Record<string, FakeRoute>, { contactId }: { contactId?: string } = {}) {
  const events = fakeEventSource();
  globalThis.EventSource = events.EventSource;
  // The virtualised list measures its scroll box: give jsdom one.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 360 });
  const fake = fakeFetch({
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC' } },
    'GET /contacts': { body: { items: [], nextCursor: null } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  const queryClient = createPanelQueryClient();
  render(<InboxPanel apiBaseUrl="http://api.test" token="t" contactId={contactId} queryClient={queryClient} />);
  const requestsTo = (path: string) => fake.calls.filter((request) => request.method === 'GET' && request.path === path);
  return { fake, events, queryClient, requestsTo };
}

/**
 * A list route that pages `rows()` (read on each request) by cursor as the services do: the cursor is the
 * position of the next row. `matches` stands in for the server's search.
 */
export function pagedRoute<T>(rows: () => T[], matches: (row: T, request: FakeRequest) => boolean = () => true) {
  return (request: FakeRequest): FakeAnswer => {
    const found = rows().filter((row) => matches(row, request));
    const start = Number(request.query.cursor ?? 0);
    const end = start + Number(request.query.limit);
    const page: Page<T> = { items: found.slice(start, end), nextCursor: end < found.length ? String(end) : null };
    return { body: page };
  };
}

export type InboxTab = 'contacts' | 'chat' | 'calls';

export const listOf = (tab: InboxTab) => within(document.getElementById(`inbox-tabpanel-${tab}`)!).getByTestId('inbox-list');

/** The rows the tab's list shows (the virtualised list renders those in view). */
export function rowsOf(tab: InboxTab): HTMLElement[] {
  return within(listOf(tab)).queryAllByRole('button');
}

/** The text of the row in view that carries `attribute="value"` (`data-contact-id`, `data-call-id`). */
export function rowText(tab: InboxTab, attribute: string, value: string): string | null | undefined {
  return rowsOf(tab).find((row) => row.getAttribute(attribute) === value)?.textContent;
}

/** Scrolls the tab's list to `top` px, or to its end (jsdom scrolls nothing itself). */
export function scrollList(tab: InboxTab, top: number | 'end') {
  const list = listOf(tab);
  const value = top === 'end' ? listHeight(list) : top;
  Object.defineProperty(list, 'scrollTop', { configurable: true, writable: true, value });
  fireEvent.scroll(list);
}

/** The height the virtualised list gives its rows: row height × (rows + a "Loading more…" row while more pages exist). */
export const listHeight = (list: HTMLElement) => parseInt((list.firstElementChild as HTMLElement).style.height, 10);

/** Scrolls the tab's list to its end, page after page, until `pages` pages are loaded (F4: each end asks for the next). */
export async function loadPages(tab: InboxTab, pages: number) {
  for (let page = 1; page < pages; page++) {
    const height = listHeight(listOf(tab));
    scrollList(tab, 'end');
    await waitFor(() => expect(listHeight(listOf(tab))).toBeGreaterThan(height));
  }
}
