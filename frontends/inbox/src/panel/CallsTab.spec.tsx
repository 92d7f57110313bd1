/**
 * @jest-environment jsdom
 */
import type { CallView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { callFixture } from '@conversations/ui/testing';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { listHeight, listOf, loadPages, pagedRoute, renderInbox, rowText, scrollList } from './inbox-testing';
import { FIRST_PAGE_REFRESH_MS } from './use-live-lists';

const call = (id: string, facts: Partial<CallView> = {}): CallView =>
  callFixture(id, { contactId: `contact-${id}`, contact: { fullName: `Caller ${id}`, phone: '+14155550100' }, ...facts });

const pad = (index: number) => String(index).padStart(3, '0');
/** Call `index` of a tenant's, newest first (0 is the latest). */
const callAt = (index: number) => call(`c${pad(index)}`, { startedAt: new Date(Date.UTC(2026, 5, 1) - index * 60_000).toISOString() });
/** A call that started after every other, the `step`-th of a burst. */
const newCall = (step: number) =>
  call(`n${step}`, {
    status: 'ringing',
    answered: false,
    durationSeconds: null,
    startedAt: new Date(Date.UTC(2026, 6, 1) + step * 1_000).toISOString(),
  });
const created = (view: CallView) => ({ callId: view.id, contactId: view.contactId, call: view });
const callRow = (id: string) => rowText('calls', 'data-call-id', id);
const ROW_HEIGHT = 72;

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

  describe('live', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('F11: with 3 pages loaded, new calls go on top and renamed callers update in place, asking nothing', async () => {
      const { events, requestsTo } = renderInbox({
        'GET /calls': pagedRoute(() => Array.from({ length: 130 }, (_, index) => callAt(index))),
      });
      fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
      await waitFor(() => expect(callRow('c000')).toContain('Caller c000'));
      await loadPages('calls', 3);
      expect(requestsTo('/calls')).toHaveLength(3);

      act(() => {
        for (let step = 0; step < 5; step++) events.emit('evt.calls.created', created(newCall(step)));
        for (let index = 0; index < 5; index++) {
          const contact = {
            id: `contact-c${pad(index)}`,
            firstName: 'Renamed',
            lastName: null,
            fullName: `Renamed ${index}`,
            phone: '+14155550100',
          };
          events.emit('evt.contacts.updated', { contactId: contact.id, before: {}, after: { fullName: contact.fullName }, contact });
        }
      });
      act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS * 2));

      expect(requestsTo('/calls').length - 3).toBeLessThanOrEqual(3);
      act(() => scrollList('calls', 0));
      await waitFor(() => expect(callRow('n4')).toMatch(/Ringing…/));
      const ids = callRows().map((element) => element.getAttribute('data-call-id'));
      expect(ids.slice(0, 7)).toEqual(['n4', 'n3', 'n2', 'n1', 'n0', 'c000', 'c001']);
      expect(callRow('c000')).toContain('Renamed 0');
      expect(callRow('c005')).toContain('Caller c005');
      expect(listHeight(listOf('calls'))).toBe(135 * ROW_HEIGHT); // all 130 loaded, and the 5 new
    });

    it('F11: a searched list asks for its first page once per burst of new calls', async () => {
      const calls = Array.from({ length: 60 }, (_, index) => callAt(index));
      const { events, requestsTo } = renderInbox({
        'GET /calls': pagedRoute(
          () => calls,
          (view, request) => !request.query.search || view.contact.fullName.toLowerCase().includes(request.query.search),
        ),
      });
      const searched = () => requestsTo('/calls').filter((request) => request.query.search === 'caller');
      fireEvent.click(screen.getByRole('tab', { name: 'Calls' }));
      await waitFor(() => expect(callRow('c000')).toBeTruthy());
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search calls' }), { target: { value: 'caller' } });
      await waitFor(() => expect(searched()).toHaveLength(1));

      act(() => {
        for (let step = 0; step < 5; step++) {
          calls.unshift(newCall(step));
          events.emit('evt.calls.created', created(newCall(step)));
        }
      });
      act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS - 1));
      expect(searched()).toHaveLength(1);
      act(() => jest.advanceTimersByTime(1));
      expect(searched()).toHaveLength(2);
      expect(searched()[1].query.cursor).toBeUndefined();
      await waitFor(() => expect(callRow('n4')).toMatch(/Ringing…/));
      expect(requestsTo('/calls').filter((request) => !request.query.search)).toHaveLength(1);
    });
  });
});
