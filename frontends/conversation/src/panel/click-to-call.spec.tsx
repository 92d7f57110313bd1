/**
 * @jest-environment jsdom
 */
import type { CallView, ContactView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeEventSource, fakeFetch, type FakeRoute } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';
import { callBlockReason, DND_ALL_CALLS_MESSAGE, DND_CALLS_MESSAGE, defaultCallerId } from './click-to-call';

const contact = (dnd: Partial<ContactView['dnd']> = {}) => ({
  id: 'c1',
  firstName: 'Ana',
  lastName: 'Ruiz',
  fullName: 'Ana Ruiz',
  phone: '+14155550100',
  customFields: {},
  dnd: { all: false, email: false, sms: false, calls: false, inboundCallsAndSms: false, ...dnd },
  assignment: { type: 'unassigned', userId: null },
});
const MAIN = { id: 'n1', number: '+14155550999', label: 'Main', capabilities: { sms: true, whatsapp: false, voice: true } };
const SALES = { id: 'n2', number: '+14155550888', label: 'Sales', capabilities: { sms: false, whatsapp: false, voice: true } };
const TEXT_ONLY = { id: 'n3', number: '+14155550777', label: 'Texts', capabilities: { sms: true, whatsapp: false, voice: false } };

const started = (facts: Partial<CallView> = {}): CallView => ({
  id: 'k1',
  contactId: 'c1',
  contact: { fullName: 'Ana Ruiz', phone: '+14155550100' },
  direction: 'outbound',
  from: MAIN.number,
  to: '+14155550100',
  status: 'initiated',
  answered: false,
  durationSeconds: null,
  recording: null,
  userId: 'u-ana',
  outcomeReason: null,
  rejected: false,
  providerCallId: null,
  startedAt: new Date().toISOString(),
  answeredAt: null,
  endedAt: null,
  updatedAt: '2026-06-10T12:00:00.000Z',
  ...facts,
});

function renderCall(routes: Record<string, FakeRoute>, options: { dnd?: Partial<ContactView['dnd']> } = {}) {
  const events = fakeEventSource();
  globalThis.EventSource = events.EventSource;
  const fake = fakeFetch({
    'GET /contacts/c1': { body: contact(options.dnd) },
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC', phone: '+14155550111' } },
    'GET /team-members': { body: [] },
    'GET /numbers': { body: [MAIN] },
    'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: MAIN.number, to: '+14155550100' } },
    'GET /contacts/c1/timeline': { body: { items: [], nextCursor: null } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={createPanelQueryClient()} />);
  return { fake, events };
}

async function pressCall() {
  const button = await screen.findByRole('button', { name: 'Call' });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(button);
}
const posts = (fake: ReturnType<typeof fakeFetch>) => fake.calls.filter((request) => request.method === 'POST');

describe('Click-to-call (component)', () => {
  it('F13: rings the user’s phone first, follows the call live, and puts it in the timeline', async () => {
    const { fake, events } = renderCall({ 'POST /contacts/c1/calls': { status: 201, body: started() } });
    await pressCall();
    await screen.findByText(/Calling your phone \(415\) 555-0111…/);
    expect(posts(fake).map((request) => [request.path, request.body])).toEqual([['/contacts/c1/calls', { from: MAIN.number }]]);
    await waitFor(() => expect(screen.getAllByTestId('call')).toHaveLength(1));
    expect((screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement).disabled).toBe(true); // one call at a time

    act(() =>
      events.emit('evt.calls.updated', {
        callId: 'k1',
        contactId: 'c1',
        call: started({ status: 'in-progress', answered: true, updatedAt: '2026-06-10T12:00:10.000Z' }),
      }),
    );
    await screen.findByText('On the call with Ana Ruiz.');
    act(() =>
      events.emit('evt.calls.updated', {
        callId: 'k1',
        contactId: 'c1',
        call: started({ status: 'completed', answered: true, durationSeconds: 65, updatedAt: '2026-06-10T12:01:15.000Z' }),
      }),
    );
    const status = await screen.findByTestId('call-status');
    await waitFor(() => expect(status.textContent).toMatch(/Call ended: Completed · 1m 5s/));
    expect(within(screen.getByTestId('call')).getByText('Completed')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Call' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('F13, F22: DND for calls answered 409 shows the DND warning', async () => {
    renderCall({
      'POST /contacts/c1/calls': {
        status: 409,
        body: { error: { code: 'DND_BLOCKED', message: 'The contact has Do Not Contact set for calls.' } },
      },
    });
    await pressCall();
    await screen.findByText('This contact has Do Not Contact set for calls. Calling is blocked.');
    expect(screen.queryByText(/Calling your phone/)).toBeNull();
  });

  it('F13: DND known on the contact blocks the call before anything is dialled', async () => {
    const { fake } = renderCall({}, { dnd: { calls: true } });
    await pressCall();
    await screen.findByText('This contact has Do Not Contact set for calls. Calling is blocked.');
    expect(posts(fake)).toEqual([]);
  });

  it('F37: a 422 says why in the server’s words, with its field messages', async () => {
    renderCall({
      'POST /contacts/c1/calls': {
        status: 422,
        body: {
          error: {
            code: 'USER_HAS_NO_PHONE',
            message: 'Your team member profile has no phone number to ring first.',
            fields: { userPhone: ['Add your phone number to your profile.'] },
          },
        },
      },
    });
    await pressCall();
    await screen.findByText(/Call not started: Your team member profile has no phone number to ring first\./);
    expect(screen.getByText('Add your phone number to your profile.')).toBeTruthy();
  });

  it('F13: with several voice numbers the user picks From (the SMS From first); a refused From shows its field message there', async () => {
    const { fake } = renderCall({
      'GET /numbers': { body: [SALES, TEXT_ONLY, MAIN] },
      'POST /contacts/c1/calls': {
        status: 422,
        body: {
          error: {
            code: 'FROM_NUMBER_NOT_ALLOWED',
            message: 'That number cannot place calls.',
            fields: { from: ['from must be one of the account’s voice numbers'] },
          },
        },
      },
    });
    await pressCall();
    const picker = await screen.findByRole('dialog', { name: 'Place a call' });
    const from = within(picker).getByRole('combobox', { name: 'Call from' }) as HTMLSelectElement;
    expect([...from.options].map((option) => option.value)).toEqual([SALES.number, MAIN.number]); // voice numbers only
    expect(from.value).toBe(MAIN.number);
    fireEvent.change(from, { target: { value: SALES.number } });
    fireEvent.click(within(picker).getByRole('button', { name: /^Call/ }));
    await screen.findByText(/Call not started: That number cannot place calls\./);
    expect(posts(fake).map((request) => request.body)).toEqual([{ from: SALES.number }]);
    expect(screen.getAllByText('from must be one of the account’s voice numbers').length).toBeGreaterThan(0);
  });

  it('a gateway without the calls route (404) says calling is unavailable', async () => {
    renderCall({});
    await pressCall();
    await screen.findByText('Calling is unavailable right now. Try again later.');
  });
});

describe('defaultCallerId', () => {
  it('prefers the contact’s SMS From when it can place calls, else the first voice number', () => {
    expect(defaultCallerId(['+1', '+2'], '+2')).toBe('+2');
    expect(defaultCallerId(['+1', '+2'], '+3')).toBe('+1');
    expect(defaultCallerId([], '+3')).toBeNull();
  });
});

describe('callBlockReason (#14 §7: say what DND is set for)', () => {
  const dnd = { all: false, email: false, sms: false, calls: false, inboundCallsAndSms: false };
  const contact = (set: Partial<typeof dnd>) => ({ phone: '+14155550123', dnd: { ...dnd, ...set } }) as ContactView;
  it('names all channels or calls, and lets an allowed call through', () => {
    expect(callBlockReason(contact({ all: true }))).toBe(DND_ALL_CALLS_MESSAGE);
    expect(DND_ALL_CALLS_MESSAGE).toContain('all channels');
    expect(callBlockReason(contact({ calls: true }))).toBe(DND_CALLS_MESSAGE);
    expect(callBlockReason(contact({ sms: true }))).toBeNull();
  });
});
