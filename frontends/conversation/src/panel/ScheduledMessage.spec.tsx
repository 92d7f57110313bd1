/**
 * @jest-environment jsdom
 */
import type { MessageView, TimelineItem } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { contactFixture, fakeEventSource, fakeFetch, messageFixture, type FakeRoute } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';
import { installDialogMethods } from './dialog-in-jsdom';

// Monday 2027-03-15 21:00:20 in Madrid, the contact's zone; the user is in Madrid too.
const NOW = new Date('2027-03-15T20:00:20.000Z');

const scheduled = (id: string, facts: Partial<MessageView> = {}): MessageView =>
  messageFixture(id, {
    direction: 'outbound',
    status: 'scheduled',
    body: `Later ${id}`,
    schedule: { scheduledAt: '2027-03-16T08:00:00.000Z', cancelIfReplied: false, cancelReason: null },
    createdAt: '2027-03-15T19:00:00.000Z',
    updatedAt: '2027-03-15T19:00:00.000Z',
    ...facts,
  });
const item = (view: MessageView): TimelineItem => ({ kind: 'message', id: `message_${view.id}`, at: view.createdAt, message: view });

function renderTimeline(items: MessageView[], routes: Record<string, FakeRoute> = {}) {
  const events = fakeEventSource();
  globalThis.EventSource = events.EventSource;
  const fake = fakeFetch({
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'Europe/Madrid' } },
    'GET /team-members': { body: [] },
    'GET /contacts/c1': { body: contactFixture({ timeZone: 'Europe/Madrid' }) },
    'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
    'GET /contacts/c1/timeline': { body: { items: items.map(item), nextCursor: null } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={createPanelQueryClient()} />);
  return { fake, events };
}

const entry = (id: string) => screen.getAllByTestId('message').find((element) => element.getAttribute('data-message-id') === id)!;
const dialog = () => screen.getByTestId('schedule-dialog');

beforeAll(installDialogMethods);
beforeEach(() => {
  localStorage.clear();
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterEach(() => jest.useRealTimers());

describe('Scheduled messages in the timeline (F38, component)', () => {
  it('F38: a scheduled message says when it goes in the contact’s time, looks apart, and has Edit and Cancel; a canceled one says why; one that went is a normal outgoing message', async () => {
    renderTimeline([
      scheduled('m-later', { schedule: { scheduledAt: '2027-03-16T08:00:00.000Z', cancelIfReplied: true, cancelReason: null } }),
      scheduled('m-replied', {
        status: 'canceled',
        schedule: { scheduledAt: '2027-03-16T08:00:00.000Z', cancelIfReplied: true, cancelReason: 'contact_replied' },
      }),
      scheduled('m-dnd', {
        status: 'canceled',
        schedule: { scheduledAt: '2027-03-16T08:00:00.000Z', cancelIfReplied: false, cancelReason: 'dnd' },
      }),
      scheduled('m-went', { status: 'delivered' }),
    ]);
    await screen.findByText('Later m-later');
    const later = entry('m-later');
    expect(later.getAttribute('data-status')).toBe('scheduled');
    expect(later.className).toContain('conversation-message--scheduled');
    expect(within(later).getByTestId('message-schedule-label').textContent).toBe('Scheduled for Tue 9:00 AM (contact time)');
    expect(within(later).getByText('Canceled if they reply first')).toBeTruthy();
    expect(within(later).getByTitle('Scheduled')).toBeTruthy();
    expect(within(later).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(later).getByRole('button', { name: 'Cancel' })).toBeTruthy();

    const replied = entry('m-replied');
    expect(replied.className).toContain('conversation-message--canceled');
    expect(within(replied).getByTestId('message-canceled').textContent).toBe('Canceled — they replied first');
    expect(within(replied).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(entry('m-dnd')).getByTestId('message-canceled').textContent).toBe('Canceled — Do Not Contact is set for text messages');

    const went = entry('m-went');
    expect(went.className).not.toContain('scheduled');
    expect(within(went).queryByTestId('message-schedule')).toBeNull();
    expect(within(went).getByTitle('Delivered')).toBeTruthy();
  });

  it('F38: Edit opens the same dialog with the text and time; Save sends only what changed and the entry shows it', async () => {
    const { fake } = renderTimeline([scheduled('m-later')], {
      'PATCH /messages/m-later': ({ body }) => {
        const changes = body as { body?: string; scheduledAt?: string };
        return {
          body: scheduled('m-later', {
            body: changes.body ?? 'Later m-later',
            schedule: { scheduledAt: new Date(changes.scheduledAt!).toISOString(), cancelIfReplied: false, cancelReason: null },
            updatedAt: '2027-03-15T20:00:20.000Z',
          }),
        };
      },
    });
    await screen.findByText('Later m-later');
    fireEvent.click(within(entry('m-later')).getByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { name: 'Edit scheduled message' });
    const text = within(dialog()).getByLabelText('Message') as HTMLTextAreaElement;
    const time = within(dialog()).getByLabelText('Time') as HTMLInputElement;
    expect(text.value).toBe('Later m-later');
    expect((within(dialog()).getByLabelText('Date') as HTMLInputElement).value).toBe('2027-03-16');
    expect(time.value).toBe('09:00');
    expect(within(dialog()).getByTestId('schedule-summary').textContent?.trim()).toBe(
      '9:00 AM for Ana (Europe/Madrid) · the same time for you',
    );
    // An empty text is refused here.
    fireEvent.change(text, { target: { value: '  ' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Save' }));
    expect(within(dialog()).getByText('Type a message first.')).toBeTruthy();

    fireEvent.change(text, { target: { value: 'Your crown is ready at 10:30' } });
    fireEvent.change(time, { target: { value: '10:30' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('schedule-dialog')).toBeNull());
    expect(fake.calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { body: 'Your crown is ready at 10:30', scheduledAt: '2027-03-16T10:30:00+01:00' },
    ]);
    await screen.findByText('Your crown is ready at 10:30');
    expect(within(entry('m-later')).getByTestId('message-schedule-label').textContent).toBe('Scheduled for Tue 10:30 AM (contact time)');
  });

  it('F38: an edit of the text alone keeps the time (even one now under a minute away); the server’s refusal shows in the dialog', async () => {
    const soon = scheduled('m-soon', { schedule: { scheduledAt: '2027-03-15T20:01:00.000Z', cancelIfReplied: false, cancelReason: null } });
    const { fake } = renderTimeline([soon], {
      'PATCH /messages/m-soon': {
        status: 409,
        body: { error: { code: 'MESSAGE_NOT_SCHEDULED', message: 'This message was already sent or canceled.' } },
      },
    });
    await screen.findByText('Later m-soon');
    fireEvent.click(within(entry('m-soon')).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(await screen.findByTestId('schedule-dialog')).getByLabelText('Message'), { target: { value: 'New text' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Save' }));
    await within(dialog()).findByText('Not saved: This message was already sent or canceled.');
    expect(fake.calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ body: 'New text' }]);
  });

  it('F38: Cancel asks first; “Keep it” keeps it, “Cancel message” cancels and the entry says so', async () => {
    const { fake } = renderTimeline([scheduled('m-later')], {
      'POST /messages/m-later/cancel': {
        body: scheduled('m-later', {
          status: 'canceled',
          schedule: { scheduledAt: '2027-03-16T08:00:00.000Z', cancelIfReplied: false, cancelReason: 'user' },
          updatedAt: '2027-03-15T20:00:20.000Z',
        }),
      },
    });
    await screen.findByText('Later m-later');
    const cancelButton = within(entry('m-later')).getByRole('button', { name: 'Cancel' });
    fireEvent.click(cancelButton);
    expect(cancelButton.getAttribute('aria-expanded')).toBe('true');
    expect(within(entry('m-later')).getByText('Cancel this message? It will not be sent.')).toBeTruthy();
    fireEvent.click(within(entry('m-later')).getByRole('button', { name: 'Keep it' }));
    expect(within(entry('m-later')).queryByText('Cancel this message? It will not be sent.')).toBeNull();
    expect(fake.calls.filter((call) => call.method === 'POST')).toEqual([]);

    fireEvent.click(cancelButton);
    fireEvent.click(within(entry('m-later')).getByRole('button', { name: 'Cancel message' }));
    await waitFor(() => expect(entry('m-later').getAttribute('data-status')).toBe('canceled'));
    expect(within(entry('m-later')).getByTestId('message-canceled').textContent).toBe('Canceled — canceled by a user before it was sent');
    expect(within(entry('m-later')).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(fake.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/messages/m-later/cancel']);
  });

  it('F38, F11: live message-scheduled, -updated and -canceled events patch the timeline in place (no refetch); when it goes it turns a normal outgoing message; a late event changes nothing', async () => {
    const { fake, events } = renderTimeline([]);
    await screen.findByText('No messages yet. Say hello below.');
    const first = scheduled('m-live', { body: 'From another tab' });
    const emit = (type: string, message: MessageView) =>
      act(() => events.emit(`evt.messaging.${type}`, { messageId: message.id, contactId: message.contactId, notify: true, message }));
    emit('message-scheduled', first);
    await screen.findByText('From another tab');
    expect(entry('m-live').getAttribute('data-status')).toBe('scheduled');

    const edited = { ...first, body: 'Edited elsewhere', updatedAt: '2027-03-15T19:10:00.000Z' };
    emit('message-updated', edited);
    await screen.findByText('Edited elsewhere');
    emit('message-updated', first); // late: older updatedAt
    emit('message-scheduled', scheduled('m-other', { contactId: 'c2', body: 'Another contact' }));

    const queued = { ...edited, status: 'queued' as const, updatedAt: '2027-03-16T08:00:01.000Z' };
    emit('message-status-changed', queued);
    await waitFor(() => expect(entry('m-live').getAttribute('data-status')).toBe('queued'));
    expect(within(entry('m-live')).queryByTestId('message-schedule')).toBeNull();
    expect(screen.getByText('Edited elsewhere')).toBeTruthy();
    expect(screen.queryByText('Another contact')).toBeNull();

    const second = scheduled('m-live-2', { body: 'Will be canceled', createdAt: '2027-03-15T19:20:00.000Z' });
    emit('message-scheduled', second);
    await screen.findByText('Will be canceled');
    emit('message-canceled', {
      ...second,
      status: 'canceled',
      schedule: { ...second.schedule!, cancelReason: 'contact_replied' },
      updatedAt: '2027-03-15T19:30:00.000Z',
    });
    await waitFor(() =>
      expect(within(entry('m-live-2')).getByTestId('message-canceled').textContent).toBe('Canceled — they replied first'),
    );
    expect(fake.calls.filter((call) => call.path === '/contacts/c1/timeline')).toHaveLength(1);
  });
});
