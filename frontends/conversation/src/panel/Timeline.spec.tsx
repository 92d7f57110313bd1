/**
 * @jest-environment jsdom
 */
import type { CallView, MessageView, TimelineItem } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeEventSource, fakeFetch, type FakeRoute, callFixture, contactFixture } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';

const contact = contactFixture();

const call = callFixture;

const message = (id: string, facts: Partial<MessageView> = {}): MessageView => ({
  id,
  contactId: 'c1',
  direction: 'inbound',
  channel: 'sms',
  from: '+14155550100',
  to: '+14155550999',
  body: `Message ${id}`,
  segments: 1,
  status: 'received',
  statusTrail: [],
  failureReason: null,
  clientMessageId: null,
  providerMessageId: null,
  automated: false,
  silenced: false,
  sentBy: null,
  createdAt: '2026-06-10T09:00:00.000Z',
  updatedAt: '2026-06-10T09:00:00.000Z',
  ...facts,
});

const callItem = (view: CallView): TimelineItem => ({ kind: 'call', id: `call_${view.id}`, at: view.startedAt, call: view });
const messageItem = (view: MessageView): TimelineItem => ({ kind: 'message', id: `message_${view.id}`, at: view.createdAt, message: view });

function renderTimeline(routes: Record<string, FakeRoute>) {
  const events = fakeEventSource();
  globalThis.EventSource = events.EventSource;
  const fake = fakeFetch({
    'GET /contacts/c1': { body: contact },
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC', phone: '+14155550111' } },
    'GET /team-members': { body: [] },
    'GET /numbers': {
      body: [{ id: 'n1', number: '+14155550999', label: 'Main', capabilities: { sms: true, whatsapp: false, voice: true } }],
    },
    'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={createPanelQueryClient()} />);
  return { fake, events };
}

const callEntries = () => screen.queryAllByTestId('call');

describe('Timeline with calls (component)', () => {
  it('F14, F17: calls sit among messages with direction, outcome, duration, and a player (signed link, nothing preloaded) for a recording', async () => {
    const { fake } = renderTimeline({
      'GET /contacts/c1/timeline': {
        body: {
          items: [
            callItem(
              call('k3', {
                direction: 'inbound',
                status: 'no-answer',
                answered: false,
                durationSeconds: null,
                startedAt: '2026-06-10T11:00:00.000Z',
              }),
            ),
            callItem(call('k2', { recording: { durationSeconds: 70, url: '/api/v1/calls/k2/recording' } })),
            messageItem(message('m1')),
            callItem(
              call('k1', {
                status: 'failed',
                answered: false,
                durationSeconds: null,
                outcomeReason: 'The carrier could not reach the number.',
                startedAt: '2026-06-10T08:00:00.000Z',
              }),
            ),
          ],
          nextCursor: null,
        },
      },
      'GET /calls/k2/recording/link': {
        body: { url: 'https://media.test/k2.mp3?signature=abc', expiresAt: new Date(Date.now() + 600_000).toISOString() },
      },
    });
    await waitFor(() => expect(callEntries()).toHaveLength(3));
    // Oldest first: failed call, message, completed call, missed call.
    const timeline = screen.getByTestId('timeline');
    expect(
      [...timeline.querySelectorAll('[data-testid=call], [data-testid=message]')].map(
        (element) => element.getAttribute('data-call-id') ?? element.getAttribute('data-message-id'),
      ),
    ).toEqual(['k1', 'm1', 'k2', 'k3']);
    const [failed, completed, missed] = callEntries();
    expect(failed.getAttribute('data-tone')).toBe('failed');
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(within(failed).getByText('The carrier could not reach the number.')).toBeTruthy();
    expect(completed.className).toContain('conversation-message--out');
    expect(within(completed).getByText('Outgoing call')).toBeTruthy();
    expect(within(completed).getByText('Completed')).toBeTruthy();
    expect(within(completed).getByText(/1m 15s/)).toBeTruthy();
    expect(missed.className).toContain('conversation-message--in');
    expect(within(missed).getByText('Incoming call')).toBeTruthy();
    expect(within(missed).getByText('Missed')).toBeTruthy();
    expect(missed.getAttribute('data-tone')).toBe('missed');
    // Only the call with a recording has a player; its source is the signed link, nothing preloaded.
    expect(within(failed).queryByTestId('recording')).toBeNull();
    const audio = within(completed).getByTestId('recording') as HTMLAudioElement;
    await waitFor(() => expect(audio.getAttribute('src')).toBe('https://media.test/k2.mp3?signature=abc'));
    expect(audio.getAttribute('preload')).toBe('none');
    expect(audio.controls).toBe(true);
    expect(fake.calls.filter((request) => request.path.endsWith('/recording/link')).map((request) => request.path)).toEqual([
      '/calls/k2/recording/link',
    ]);
  });

  it('F14, F11: live call and message events update entries in place by id; a late event never moves a call back', async () => {
    const { events } = renderTimeline({
      'GET /contacts/c1/timeline': {
        body: { items: [messageItem(message('m1', { direction: 'outbound', status: 'sent', body: 'See you' }))], nextCursor: null },
      },
    });
    await screen.findByText('See you');
    const ringing = call('k9', {
      status: 'ringing',
      answered: false,
      durationSeconds: null,
      startedAt: '2026-06-10T12:00:00.000Z',
      updatedAt: '2026-06-10T12:00:01.000Z',
    });
    act(() => events.emit('evt.calls.created', { callId: 'k9', contactId: 'c1', call: ringing }));
    await waitFor(() => expect(callEntries()).toHaveLength(1));
    expect(within(callEntries()[0]).getByText('Ringing…')).toBeTruthy();

    const completed = {
      ...ringing,
      status: 'completed' as const,
      answered: true,
      durationSeconds: 65,
      updatedAt: '2026-06-10T12:01:10.000Z',
    };
    act(() => events.emit('evt.calls.updated', { callId: 'k9', contactId: 'c1', call: completed, previousStatus: 'ringing' }));
    await waitFor(() => expect(within(callEntries()[0]).getByText('Completed')).toBeTruthy());
    expect(within(callEntries()[0]).getByText(/1m 5s/)).toBeTruthy();
    // A late "ringing" (older updatedAt) arrives after the final status, and another contact's call: both
    // are checked once the delivery report below (sent after them) has shown.
    act(() => events.emit('evt.calls.updated', { callId: 'k9', contactId: 'c1', call: ringing }));
    act(() => events.emit('evt.calls.created', { callId: 'x1', contactId: 'c2', call: call('x1', { contactId: 'c2' }) }));

    // A message's delivery report updates its bubble in place (F16).
    act(() =>
      events.emit('evt.messaging.message-status-changed', {
        messageId: 'm1',
        contactId: 'c1',
        notify: true,
        message: message('m1', { direction: 'outbound', status: 'delivered', body: 'See you', updatedAt: '2026-06-10T09:00:05.000Z' }),
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('message').getAttribute('data-status')).toBe('delivered'));
    expect(callEntries()).toHaveLength(1);
    expect(within(callEntries()[0]).getByText('Completed')).toBeTruthy();
  });

  it('F14: older history loads on scroll up with the cursor as `before`, overlapping pages show each entry once', async () => {
    const { fake } = renderTimeline({
      'GET /contacts/c1/timeline': ({ query }) =>
        query.before === 'p2'
          ? {
              body: {
                items: [
                  callItem(call('k2', { startedAt: '2026-06-09T10:00:00.000Z' })),
                  messageItem(message('m1', { createdAt: '2026-06-09T09:00:00.000Z' })),
                ],
                nextCursor: null,
              },
            }
          : {
              body: {
                items: [
                  messageItem(message('m3', { createdAt: '2026-06-10T09:00:00.000Z' })),
                  callItem(call('k2', { startedAt: '2026-06-09T10:00:00.000Z' })),
                ],
                nextCursor: 'p2',
              },
            },
    });
    await screen.findByText('Message m3');
    fireEvent.scroll(screen.getByTestId('timeline'));
    await screen.findByText('Message m1');
    await screen.findByText('Beginning of the conversation');
    expect(fake.calls.filter((request) => request.path === '/contacts/c1/timeline').map((request) => request.query.before ?? null)).toEqual(
      [null, 'p2'],
    );
    expect(callEntries()).toHaveLength(1);
    expect(screen.getAllByTestId('message')).toHaveLength(2);
  });

  it('without a timeline route (404) the messages still show, and the panel says calls are not shown', async () => {
    renderTimeline({ 'GET /contacts/c1/messages': { body: { items: [message('m1')], nextCursor: null } } });
    await screen.findByText('Message m1');
    expect(screen.getByText(/Calls are not shown/)).toBeTruthy();
  });
});
