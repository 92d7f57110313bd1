/**
 * @jest-environment jsdom
 */
import type { ContactView, MessageView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { contactFixture, fakeFetch, messageFixture, type FakeRoute } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';
import { installDialogMethods } from './dialog-in-jsdom';

// Monday 2027-03-15, 21:00:20 in Madrid (CET, +01:00), 13:00:20 in Los Angeles (PDT since the 14th, −07:00).
const NOW = new Date('2027-03-15T20:00:20.000Z');
const madrid = (facts: Partial<ContactView> = {}) => contactFixture({ timeZone: 'Europe/Madrid', ...facts });

function renderPanel(routes: Record<string, FakeRoute> = {}) {
  const fake = fakeFetch({
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'America/Los_Angeles' } },
    'GET /team-members': { body: [] },
    'GET /contacts/c1': { body: madrid() },
    'GET /contacts/c1/timeline': { body: { items: [], nextCursor: null } },
    'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
    'POST /contacts/c1/messages': ({ body }) => ({ status: 201, body: scheduledAnswer(body as Record<string, unknown>) }),
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  const queryClient = createPanelQueryClient();
  const view = render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={queryClient} />);
  return {
    fake,
    posts: () => fake.calls.filter((call) => call.method === 'POST').map((call) => call.body as Record<string, unknown>),
    reload: () => {
      view.unmount();
      render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={createPanelQueryClient()} />);
    },
  };
}

function scheduledAnswer(body: Record<string, unknown>): MessageView {
  return messageFixture('m-later', {
    direction: 'outbound',
    status: 'scheduled',
    body: String(body.body),
    clientMessageId: String(body.clientMessageId),
    schedule: {
      scheduledAt: new Date(String(body.scheduledAt)).toISOString(),
      cancelIfReplied: body.cancelIfReplied === true,
      cancelReason: null,
    },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  });
}

const messageBox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const dialog = () => screen.getByTestId('schedule-dialog');
const field = (name: string) => within(dialog()).getByLabelText(name) as HTMLInputElement;
const summary = () => within(dialog()).getByTestId('schedule-summary').textContent?.trim();

async function openSendLater(text = 'Your crown is ready') {
  await screen.findByText(/From \(415\) 555-0999/);
  fireEvent.change(messageBox(), { target: { value: text } });
  const trigger = screen.getByRole('button', { name: 'Schedule options' });
  trigger.focus();
  fireEvent.keyDown(trigger, { key: 'ArrowDown' });
  const item = await screen.findByRole('menuitem', { name: 'Send later…' });
  expect(document.activeElement).toBe(item);
  fireEvent.click(item);
  await screen.findByRole('heading', { name: 'Send later' });
}

beforeAll(installDialogMethods);
beforeEach(() => {
  localStorage.clear();
  // Only the clock is fixed; timers stay real so the queries and Testing Library's waits run as usual.
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

describe('Send later (F38, component)', () => {
  it('F38: Send later opens from the Send split button by keyboard, in the contact’s time zone with the user’s time under it; quick picks fill the fields', async () => {
    renderPanel();
    await openSendLater();
    expect(within(dialog()).getByText('When (Ana’s time, Europe/Madrid)')).toBeTruthy();
    // Opens on tomorrow 9:00 AM, the contact's time.
    expect(field('Date').value).toBe('2027-03-16');
    expect(field('Time').value).toBe('09:00');
    expect(summary()).toBe('9:00 AM for Ana (Europe/Madrid) · 1:00 AM your time');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'In 1 hour' }));
    expect([field('Date').value, field('Time').value]).toEqual(['2027-03-15', '22:01']);
    expect(summary()).toBe('10:01 PM for Ana (Europe/Madrid) · 2:01 PM your time');
    fireEvent.click(within(dialog()).getByRole('button', { name: /Tomorrow 9:00 AM \(contact’s time\)/ }));
    expect([field('Date').value, field('Time').value]).toEqual(['2027-03-16', '09:00']);
    // Typing a time changes the summary as it goes.
    fireEvent.change(field('Time'), { target: { value: '07:30' } });
    expect(summary()).toBe('7:30 AM for Ana (Europe/Madrid) · 11:30 PM Mon, Mar 15 your time');
    // Close leaves the text where it was.
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('schedule-dialog')).toBeNull();
    expect(messageBox().value).toBe('Your crown is ready');
  });

  it('F38: a contact without a time zone is scheduled in the user’s, and says so', async () => {
    renderPanel({ 'GET /contacts/c1': { body: madrid({ timeZone: null }) } });
    await openSendLater();
    expect(within(dialog()).getByText('When (your time, America/Los_Angeles)')).toBeTruthy();
    expect(summary()).toBe('9:00 AM your time (America/Los_Angeles) · Ana has no time zone set');
    expect(within(dialog()).getByRole('button', { name: /Tomorrow 9:00 AM \(your time\)/ })).toBeTruthy();
  });

  it('F38: a time in the past, under a minute ahead or over a year ahead is refused beside the fields and nothing is sent; the server’s 422 shows there too', async () => {
    const view = renderPanel({
      'POST /contacts/c1/messages': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Some fields are invalid',
            fields: { scheduledAt: ['scheduledAt must be at least 30 seconds from now'] },
          },
        },
      },
    });
    await openSendLater();
    const schedule = () => fireEvent.click(within(dialog()).getByRole('button', { name: 'Schedule' }));
    fireEvent.change(field('Date'), { target: { value: '2027-03-15' } });
    fireEvent.change(field('Time'), { target: { value: '20:00' } });
    schedule();
    expect(within(dialog()).getByRole('alert').textContent).toBe('That time has already passed. Choose a time in the future.');
    expect(field('Time').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(field('Time'), { target: { value: '21:00' } }); // 20 s ago
    expect(within(dialog()).getByRole('alert').textContent).toMatch(/already passed/);
    fireEvent.change(field('Time'), { target: { value: '21:01' } }); // 40 s ahead
    expect(within(dialog()).getByRole('alert').textContent).toBe('Choose a time at least a minute from now.');
    fireEvent.change(field('Date'), { target: { value: '2028-03-16' } });
    expect(within(dialog()).getByRole('alert').textContent).toBe('Choose a time within a year from now.');
    fireEvent.change(field('Date'), { target: { value: '' } });
    expect(within(dialog()).getByRole('alert').textContent).toBe('Choose a date and a time.');
    expect(view.posts()).toEqual([]);

    fireEvent.change(field('Date'), { target: { value: '2027-03-16' } });
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    schedule();
    await within(dialog()).findByText('scheduledAt must be at least 30 seconds from now');
    expect(view.posts()).toHaveLength(1);
    // Still open, text kept, no pending bubble left behind.
    expect(messageBox().value).toBe('Your crown is ready');
    expect(screen.queryAllByTestId('message')).toHaveLength(0);
  });

  it('F38, F37: Schedule sends the contact’s local time with its offset and cancel-if-replied; the box and the kept draft clear as on Send, and the message shows as scheduled', async () => {
    const view = renderPanel();
    await openSendLater('See you tomorrow');
    fireEvent.click(within(dialog()).getByRole('checkbox', { name: 'Cancel if they reply first' }));
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(screen.queryByTestId('schedule-dialog')).toBeNull());
    expect(view.posts()).toEqual([
      expect.objectContaining({
        channel: 'sms',
        body: 'See you tomorrow',
        from: '+14155550999',
        scheduledAt: '2027-03-16T09:00:00+01:00',
        cancelIfReplied: true,
      }),
    ]);
    expect(messageBox().value).toBe('');
    const entry = await screen.findByTestId('message');
    expect(entry.getAttribute('data-status')).toBe('scheduled');
    expect(entry.className).toContain('conversation-message--scheduled');
    expect(within(entry).getByTestId('message-schedule').textContent).toContain(
      'Scheduled for Tue 9:00 AM (contact time) · Tue 1:00 AM your time',
    );
    expect(within(entry).getByText('Canceled if they reply first')).toBeTruthy();
    // Focus went back to the Send split button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Schedule options' }));
    view.reload();
    await screen.findByText(/From \(415\) 555-0999/);
    expect(messageBox().value).toBe('');
  });

  it('F38, F21: Send later follows Send’s rules — without a From number it gives Send’s refusal and opens no dialog', async () => {
    const noFrom = renderPanel({ 'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: null, to: '+14155550100' } } });
    await screen.findByText(/No From number chosen yet/);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule options' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Send later…' }));
    await screen.findByText('Select a From number in SMS Setting');
    expect(screen.queryByTestId('schedule-dialog')).toBeNull();
    expect(noFrom.posts()).toEqual([]);
  });

  it('F38, F22: Do Not Contact for text disables Send later like Send', async () => {
    renderPanel({ 'GET /contacts/c1': { body: madrid({ dnd: { ...contactFixture().dnd, sms: true } }) } });
    await screen.findByText(/Do Not Contact set for text messages/);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    expect((screen.getByRole('button', { name: 'Schedule options' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
