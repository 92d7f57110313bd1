/**
 * @jest-environment jsdom
 */
import type { ConversationView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeFetch } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import InboxPanel from './InboxPanel';

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

describe('Chat tab (component)', () => {
  it('F11: the open contact’s conversation is marked read and loses its badge; others keep theirs', async () => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 360 });
    let read = false;
    const fake = fakeFetch({
      'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC' } },
      'GET /contacts': { body: { items: [], nextCursor: null } },
      'GET /conversations': () => ({ body: { items: [conversation('c1', 3), conversation('c2', read ? 0 : 2)], nextCursor: null } }),
      'POST /conversations/v-c2/read': () => {
        read = true;
        return { body: conversation('c2', 0) };
      },
    });
    globalThis.fetch = fake.fetch;
    render(<InboxPanel apiBaseUrl="http://api.test" token="t" contactId="c2" queryClient={createPanelQueryClient()} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    await screen.findByLabelText('3 unread');
    await waitFor(() => expect(screen.queryByLabelText('2 unread')).toBeNull());
    expect(fake.calls.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/conversations/v-c2/read']);
    expect(screen.getByLabelText('3 unread')).toBeTruthy();
  });
});
