/**
 * @jest-environment jsdom
 */
import type { CallView, MessageView, TimelineItem } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeEventSource, fakeFetch, type FakeRoute, callFixture, contactFixture, messageFixture } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';
import { timeOfChange, timeOfDay } from './timeline';

const contact = contactFixture();

const call = callFixture;

const message = messageFixture;

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
    expect(within(completed).getByRole('button', { name: 'Play' })).toBeTruthy();
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

  it('#14: a rate-limited history says how long it waits, counts down, offers Retry, and loads by itself when the wait ends', async () => {
    jest.useFakeTimers();
    try {
      let limited = true;
      const { fake } = renderTimeline({
        'GET /contacts/c1/timeline': () =>
          limited
            ? { status: 429, headers: { 'retry-after': '20' }, body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } } }
            : { body: { items: [messageItem(message('m1'))], nextCursor: null } },
      });
      await screen.findByText('Too many requests — trying again in 20 s');
      expect(within(screen.getByTestId('timeline')).getByRole('button', { name: 'Retry' })).toBeTruthy();
      act(() => jest.advanceTimersByTime(1_000));
      expect(screen.getByText('Too many requests — trying again in 19 s')).toBeTruthy();
      limited = false;
      act(() => jest.advanceTimersByTime(19_000));
      await screen.findByText('Message m1');
      expect(fake.calls.filter((request) => request.path === '/contacts/c1/timeline')).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Failed messages: Retry and the status trail (F40)', () => {
  const undelivered = message('m1', {
    direction: 'outbound',
    status: 'undelivered',
    body: 'See you',
    failureReason: 'The number cannot receive texts.',
    statusTrail: [
      { status: 'queued', at: '2026-06-10T09:00:00.000Z' },
      { status: 'sent', at: '2026-06-10T09:00:02.000Z' },
      { status: 'undelivered', at: '2026-06-11T13:30:00.000Z', reason: 'The number cannot receive texts.', carrierCode: '30006' },
    ],
  });
  const timelineOf = (view: MessageView) => ({ body: { items: [messageItem(view)], nextCursor: null } });

  it('F40: Retry sends once however often it is clicked, is off while it runs, and its answer puts the message back to queued', async () => {
    const requeued = message('m1', {
      ...undelivered,
      status: 'queued',
      failureReason: null,
      statusTrail: [...undelivered.statusTrail, { status: 'queued', at: '2026-06-11T14:00:00.000Z', reason: 'Retried' }],
      updatedAt: '2026-06-11T14:00:00.000Z',
    });
    const { fake } = renderTimeline({
      'GET /contacts/c1/timeline': timelineOf(undelivered),
      'POST /messages/m1/retry': { status: 202, body: requeued },
    });
    const retry = (await screen.findByRole('button', { name: 'Retry' })) as HTMLButtonElement;
    // The server answers only when the test says so: both clicks land while the first attempt runs.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const fetchAnswered = fake.fetch;
    globalThis.fetch = async (url, init) => {
      if (String(url).endsWith('/retry')) await answered;
      return fetchAnswered(url, init);
    };
    fireEvent.click(retry);
    fireEvent.click(retry);
    await waitFor(() => expect(retry.disabled).toBe(true));
    expect(retry.textContent).toBe('Retrying…');
    act(() => answer());
    await waitFor(() => expect(screen.getByTestId('message').getAttribute('data-status')).toBe('queued'));
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(screen.queryByText(/Not delivered/)).toBeNull();
    expect(fake.calls.filter((request) => request.path === '/messages/m1/retry').map((request) => request.method)).toEqual(['POST']);
  });

  it('F40: a refused Retry shows the server’s reason next to the message and can be tried again', async () => {
    const refusal = 'Only a failed or undelivered outgoing message can be retried; this one is delivered';
    renderTimeline({
      'GET /contacts/c1/timeline': timelineOf(undelivered),
      'POST /messages/m1/retry': { status: 409, body: { error: { code: 'MESSAGE_NOT_RETRYABLE', message: refusal } } },
    });
    const retry = (await screen.findByRole('button', { name: 'Retry' })) as HTMLButtonElement;
    fireEvent.click(retry);
    const shown = await within(screen.getByTestId('message')).findByText(refusal);
    expect(shown.getAttribute('role')).toBe('alert');
    expect(retry.disabled).toBe(false);
  });

  it('F40: Details shows the status trail, each change with its time in the user’s time zone and the reason in words', async () => {
    renderTimeline({
      'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'America/New_York', phone: '+14155550111' } },
      'GET /contacts/c1/timeline': timelineOf(undelivered),
    });
    const details = await screen.findByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: 'Status history' })).toBeNull();
    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    const trail = screen.getByRole('list', { name: 'Status history' });
    expect(details.getAttribute('aria-controls')).toBe(trail.id);
    await waitFor(() =>
      expect(
        within(trail)
          .getAllByRole('listitem')
          .map((item) => [...item.children].map((part) => part.textContent)),
      ).toEqual([
        ['Queued', timeOfChange('2026-06-10T09:00:00.000Z', undelivered.createdAt, 'America/New_York')],
        ['Sent', timeOfChange('2026-06-10T09:00:02.000Z', undelivered.createdAt, 'America/New_York')],
        [
          'Not delivered',
          timeOfChange('2026-06-11T13:30:00.000Z', undelivered.createdAt, 'America/New_York'),
          'The number cannot receive texts.',
        ],
      ]),
    );
    // The last change was on the next day: its time says which day.
    expect(within(trail).getAllByRole('listitem')[2].querySelector('time')?.textContent).not.toBe(
      timeOfDay('2026-06-11T13:30:00.000Z', 'America/New_York'),
    );
    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: 'Status history' })).toBeNull();
  });
});
