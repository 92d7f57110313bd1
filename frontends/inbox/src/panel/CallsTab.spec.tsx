/**
 * @jest-environment jsdom
 */
import type { CallView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeEventSource, fakeFetch, type FakeRoute, callFixture } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import InboxPanel from './InboxPanel';

const call = (id: string, facts: Partial<CallView> = {}): CallView =>
  callFixture(id, { contactId: `contact-${id}`, contact: { fullName: `Caller ${id}`, phone: '+14155550100' }, ...facts });

function renderInbox(routes: Record<string, FakeRoute>) {
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
  render(<InboxPanel apiBaseUrl="http://api.test" token="t" queryClient={createPanelQueryClient()} />);
  return { fake, events };
}

const callRows = () => screen.queryAllByRole('button').filter((element) => element.hasAttribute('data-call-id'));
const row = (id: string) => callRows().find((element) => element.getAttribute('data-call-id') === id)!;

describe('Calls tab (component)', () => {
  it('F8: each row shows name, date and time, direction, outcome (coloured) and the length of a completed call', async () => {
    const { fake } = renderInbox({
      'GET /calls': {
        body: {
          items: [
            call('done'),
            call('missed', { direction: 'inbound', status: 'no-answer', answered: false, durationSeconds: null }),
            call('busy', { status: 'busy', answered: false, durationSeconds: null }),
            call('failed', { status: 'failed', answered: false, durationSeconds: null, outcomeReason: 'Carrier error' }),
            call('live', { direction: 'inbound', status: 'in-progress', answered: true, durationSeconds: null }),
          ],
          nextCursor: null,
        },
      },
    });
    expect(fake.calls.some((request) => request.path === '/calls')).toBe(false); // F10: nothing until the tab opens
    fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
    await waitFor(() => expect(callRows()).toHaveLength(5));
    const expectRow = (id: string, tone: string, text: RegExp, duration: string | null) => {
      expect(row(id).getAttribute('data-tone')).toBe(tone);
      expect(row(id).textContent).toMatch(text);
      expect(row(id).querySelector('.inbox-call-outcome')!.className).toContain(`cv-call-tone--${tone}`);
      expect(row(id).querySelector('.inbox-call-duration')?.textContent ?? null).toBe(duration);
    };
    expectRow('done', 'completed', /Caller done.*Outgoing · Completed/, '1m 15s');
    expectRow('missed', 'missed', /Incoming · Missed/, null);
    expectRow('busy', 'missed', /Outgoing · Busy/, null);
    expectRow('failed', 'failed', /Outgoing · Failed/, null);
    expectRow('live', 'active', /Incoming · In progress/, null);
    expect(within(row('done')).getByText(/Jun 10, 10:00|Jun 10, 10:00 AM/)).toBeTruthy();
    // The direction icon says what it is to a screen reader too.
    expect(within(row('missed')).getByTitle('Incoming call, missed')).toBeTruthy();
  });

  it('F9, F3: "Search calls…" asks the server after typing stops; a row opens its contact', async () => {
    const { fake } = renderInbox({
      'GET /calls': ({ query }) => ({
        body: {
          items: query.search === 'ana' ? [call('a', { contact: { fullName: 'Ana Ruiz', phone: null } })] : [call('done')],
          nextCursor: null,
        },
      }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
    await waitFor(() => expect(callRows()).toHaveLength(1));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search calls' }), { target: { value: 'an' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search calls' }), { target: { value: 'ana' } });
    await waitFor(() => expect(row('a')).toBeTruthy());
    expect(fake.calls.filter((request) => request.path === '/calls').map((request) => request.query.search ?? '')).toEqual(['', 'ana']);
    const selected: string[] = [];
    const unsubscribe = panelBus().subscribe('contact-selected', ({ contactId }) => selected.push(contactId));
    fireEvent.click(row('a'));
    expect(selected).toEqual(['contact-a']);
    unsubscribe();
  });

  it('F11: a new call appears live; a call that changes is updated in its row without asking the server again', async () => {
    let items = [call('old')];
    const { events, fake } = renderInbox({ 'GET /calls': () => ({ body: { items, nextCursor: null } }) });
    fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
    await waitFor(() => expect(callRows()).toHaveLength(1));
    items = [call('new', { status: 'ringing', answered: false, durationSeconds: null }), ...items];
    act(() => events.emit('evt.calls.created', { callId: 'new', contactId: 'contact-new', call: items[0] }));
    await waitFor(() => expect(callRows()).toHaveLength(2));
    expect(row('new').textContent).toMatch(/Ringing…/);
    const asked = fake.calls.filter((request) => request.path === '/calls').length;
    const ended = call('new', { status: 'completed', answered: true, durationSeconds: 65, updatedAt: '2026-06-10T10:05:00.000Z' });
    act(() => events.emit('evt.calls.updated', { callId: 'new', contactId: 'contact-new', call: ended, previousStatus: 'ringing' }));
    await waitFor(() => expect(row('new').textContent).toMatch(/Completed/));
    expect(row('new').textContent).toMatch(/1m 5s/);
    expect(fake.calls.filter((request) => request.path === '/calls')).toHaveLength(asked);
  });

  it('a gateway without the calls route (404) shows "Calls unavailable", not a list', async () => {
    renderInbox({});
    fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
    await screen.findByText('Calls unavailable');
  });
});
