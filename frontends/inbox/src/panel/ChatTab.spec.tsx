/**
 * @jest-environment jsdom
 */
import type { ConversationView } from '@conversations/contracts';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { listHeight, listOf, loadPages, pagedRoute, renderInbox, rowsOf, rowText, scrollList } from './inbox-testing';
import { FIRST_PAGE_REFRESH_MS } from './use-live-lists';

const conversation = (id: string, unreadCount: number): ConversationView => ({
  id: `v-${id}`,
  contactId: id,
  contact: { fullName: `Person ${id}`, phone: '+14155550100' },
  lastMessageAt: '2026-06-10T10:00:00.000Z',
  lastMessagePreview: 'Is Tuesday ok?',
  lastMessageDirection: 'inbound',
  unreadCount,
  smsFrom: null,
});

const pad = (index: number) => String(index).padStart(3, '0');
/** Conversation `index` of a tenant's, newest activity first (0 is the latest). */
const conversationAt = (index: number, facts: Partial<ConversationView> = {}): ConversationView => ({
  ...conversation(`k${pad(index)}`, 0),
  id: `v${pad(index)}`,
  contact: { fullName: `Person ${index}`, phone: '+14155550100' },
  lastMessageAt: new Date(Date.UTC(2026, 5, 1) - index * 60_000).toISOString(),
  lastMessagePreview: `Message ${index}`,
  ...facts,
});
/** Conversation `index` with a message newer than any, the `step`-th of a burst. */
const newMessage = (index: number, step: number) =>
  conversationAt(index, {
    lastMessageAt: new Date(Date.UTC(2026, 6, 1) + step * 1_000).toISOString(),
    lastMessagePreview: `New message ${index}`,
    unreadCount: 1,
  });
const updated = (view: ConversationView) => ({ conversationId: view.id, contactId: view.contactId, conversation: view, notify: true });
const latestActivityFirst = (views: ConversationView[]) =>
  [...views].sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''));
const shownContacts = () => rowsOf('chat').map((row) => row.getAttribute('data-contact-id'));
const chatRow = (contactId: string) => rowText('chat', 'data-contact-id', contactId);
const ROW_HEIGHT = 72;

describe('Chat tab (component)', () => {
  it('F11: the open contact’s conversation is marked read and loses its badge; others keep theirs', async () => {
    let read = false;
    const { fake } = renderInbox(
      {
        'GET /conversations': () => ({ body: { items: [conversation('c1', 3), conversation('c2', read ? 0 : 2)], nextCursor: null } }),
        'POST /conversations/v-c2/read': () => {
          read = true;
          return { body: conversation('c2', 0) };
        },
      },
      { contactId: 'c2' },
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    await screen.findByLabelText('3 unread');
    await waitFor(() => expect(screen.queryByLabelText('2 unread')).toBeNull());
    expect(fake.calls.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/conversations/v-c2/read']);
    expect(screen.getByLabelText('3 unread')).toBeTruthy();
  });

  describe('live', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('F11: with 3 pages loaded, new messages and renamed contacts update the rows in place, newest activity on top, asking nothing', async () => {
      const { events, requestsTo } = renderInbox({
        'GET /conversations': pagedRoute(() => Array.from({ length: 160 }, (_, index) => conversationAt(index))),
      });
      fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
      await waitFor(() => expect(chatRow('k000')).toContain('Person 0'));
      await loadPages('chat', 3);
      expect(requestsTo('/conversations')).toHaveLength(3);

      act(() => {
        for (let index = 100; index < 110; index++) events.emit('evt.messaging.conversation-updated', updated(newMessage(index, index)));
        for (let index = 0; index < 5; index++) {
          const contact = {
            id: `k${pad(index)}`,
            firstName: 'Renamed',
            lastName: String(index),
            fullName: `Renamed ${index}`,
            phone: '+14155550100',
          };
          events.emit('evt.contacts.updated', {
            contactId: contact.id,
            before: {},
            after: { firstName: 'Renamed', fullName: contact.fullName },
            contact,
          });
        }
      });
      act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS * 2));

      expect(requestsTo('/conversations').length - 3).toBeLessThanOrEqual(3);
      act(() => scrollList('chat', 0));
      const moved = Array.from({ length: 10 }, (_, step) => `k${pad(109 - step)}`);
      await waitFor(() => expect(shownContacts().slice(0, 12)).toEqual([...moved, 'k000', 'k001']));
      expect(chatRow('k109')).toContain('New message 109');
      expect(chatRow('k000')).toContain('Renamed 0');
      expect(chatRow('k005')).toContain('Person 5');
      expect(listHeight(listOf('chat'))).toBe((150 + 1) * ROW_HEIGHT); // moved, not added: still 150 rows and "Loading more…"
    });

    it('F11: a searched list asks for its first page once per burst of activity, and keeps the pages loaded after it', async () => {
      let views = Array.from({ length: 160 }, (_, index) => conversationAt(index));
      const { events, requestsTo } = renderInbox({
        'GET /conversations': pagedRoute(
          () => latestActivityFirst(views),
          (view, request) => !request.query.search || view.contact.fullName.toLowerCase().includes(request.query.search),
        ),
      });
      const searched = () => requestsTo('/conversations').filter((request) => request.query.search === 'person');
      fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
      await waitFor(() => expect(chatRow('k000')).toContain('Person 0'));
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search SMS' }), { target: { value: 'person' } });
      await waitFor(() => expect(searched()).toHaveLength(1));
      await waitFor(() => expect(chatRow('k000')).toContain('Person 0'));
      await loadPages('chat', 2);
      expect(searched()).toHaveLength(2);
      expect(listHeight(listOf('chat'))).toBe((100 + 1) * ROW_HEIGHT);

      // Ten conversations the searched list lacks, then five of its second page, get a new message.
      act(() =>
        [120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 60, 61, 62, 63, 64].forEach((index, step) => {
          const view = newMessage(index, step);
          views = views.map((each) => (each.id === view.id ? view : each));
          events.emit('evt.messaging.conversation-updated', updated(view));
        }),
      );
      act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS - 1));
      expect(searched()).toHaveLength(2);
      act(() => jest.advanceTimersByTime(1));
      expect(searched()).toHaveLength(3);
      expect(searched()[2].query.cursor).toBeUndefined();

      act(() => scrollList('chat', 0));
      await waitFor(() => expect(shownContacts()[0]).toBe('k064'));
      // Page 1 anew (15 with new messages, 0–34), the rows it pushed down (35–49) and page 2 as loaded (50–99, less the 5 moved up).
      expect(listHeight(listOf('chat'))).toBe((110 + 1) * ROW_HEIGHT);
      // The unsearched list (not on screen) took the same events in place.
      expect(requestsTo('/conversations').filter((request) => !request.query.search)).toHaveLength(1);
    });
  });
});
