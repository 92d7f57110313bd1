/**
 * @jest-environment jsdom
 */
import type { ContactListItem, ContactView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { queryKeys } from '@conversations/ui';
import { contactFixture } from '@conversations/ui/testing';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { loadPages, pagedRoute, renderInbox, rowsOf, rowText, scrollList } from './inbox-testing';
import { FIRST_PAGE_REFRESH_MS } from './use-live-lists';

/** Contact `index` of a tenant's contacts, newest first (0 is the newest). */
const contact = (index: number): ContactListItem => ({
  id: `c${String(index).padStart(3, '0')}`,
  firstName: 'Person',
  lastName: String(index),
  fullName: `Person ${index}`,
  phone: null,
  createdAt: new Date(Date.UTC(2026, 5, 1) - index * 60_000).toISOString(),
});
const contacts = Array.from({ length: 520 }, (_, index) => contact(index));
/** The server's search, roughly: a name containing `q`. */
const byName = (row: ContactListItem, request: { query: Record<string, string> }) =>
  !request.query.q || row.fullName.toLowerCase().includes(request.query.q.toLowerCase());

const contactRow = (id: string) => rowText('contacts', 'data-contact-id', id);
const shownIds = () => rowsOf('contacts').map((row) => row.getAttribute('data-contact-id'));

/** A new contact, newer than every other, as `evt.contacts.created` carries it (`after` is the whole view). */
const created = (id: string, fullName: string, minutesAfter: number) => {
  const view = contactFixture({
    id,
    firstName: fullName,
    lastName: null,
    fullName,
    createdAt: new Date(Date.UTC(2026, 5, 1) + minutesAfter * 60_000).toISOString(),
  });
  return {
    contactId: id,
    before: {},
    after: view,
    contact: { id, firstName: view.firstName, lastName: null, fullName, phone: view.phone },
  };
};

/** `evt.contacts.updated` as the contacts service sends it: `after` holds what changed, `contact` the name and phone. */
const renamed = (index: number, fullName: string) => {
  const { id, lastName, phone } = contact(index);
  const after: Partial<ContactView> = { firstName: 'Renamed', fullName };
  return { contactId: id, before: { firstName: 'Person' }, after, contact: { id, firstName: 'Renamed', lastName, fullName, phone } };
};

describe('Contacts tab (component)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('F11: with 10 pages loaded, 100 contact updates ask for at most a handful of list pages, and the rows show the new names', async () => {
    const { events, requestsTo } = renderInbox({ 'GET /contacts': pagedRoute(() => contacts) });
    await waitFor(() => expect(contactRow('c000')).toContain('Person 0'));
    await loadPages('contacts', 10);
    expect(requestsTo('/contacts')).toHaveLength(10);

    act(() => {
      for (let index = 0; index < 500; index += 5) events.emit('evt.contacts.updated', renamed(index, `Renamed ${index}`));
    });
    act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS * 2));

    expect(requestsTo('/contacts').length - 10).toBeLessThanOrEqual(3);
    // At the end of page 10 and at the top of page 1 the updated rows show their new names; the others stay.
    act(() => scrollList('contacts', 'end'));
    await waitFor(() => expect(contactRow('c495')).toContain('Renamed 495'));
    expect(contactRow('c496')).toContain('Person 496');
    act(() => scrollList('contacts', 0));
    await waitFor(() => expect(contactRow('c000')).toContain('Renamed 0'));
    expect(contactRow('c001')).toContain('Person 1');
  });

  it('F11: a new contact goes to the top without asking; a searched list asks for its first page once per burst', async () => {
    const rows = [...contacts.slice(0, 120)];
    const { events, requestsTo } = renderInbox({ 'GET /contacts': pagedRoute(() => rows, byName) });
    await waitFor(() => expect(contactRow('c000')).toContain('Person 0'));

    act(() => events.emit('evt.contacts.created', created('n1', 'Newest Person', 1)));
    await waitFor(() => expect(shownIds().slice(0, 2)).toEqual(['n1', 'c000']));
    expect(requestsTo('/contacts')).toHaveLength(1);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), { target: { value: 'person' } });
    await waitFor(() => expect(requestsTo('/contacts').map((request) => request.query.q)).toEqual([undefined, 'person']));
    await waitFor(() => expect(contactRow('c000')).toContain('Person 0'));
    act(() => {
      for (let index = 2; index <= 6; index++) {
        const event = created(`n${index}`, `Person new ${index}`, index);
        rows.unshift({ ...contact(0), ...event.contact, createdAt: event.after.createdAt });
        events.emit('evt.contacts.created', event);
      }
    });
    act(() => jest.advanceTimersByTime(FIRST_PAGE_REFRESH_MS - 1));
    expect(requestsTo('/contacts')).toHaveLength(2);
    act(() => jest.advanceTimersByTime(1));
    expect(requestsTo('/contacts')).toHaveLength(3);
    expect(requestsTo('/contacts')[2].query).toMatchObject({ q: 'person' });
    expect(requestsTo('/contacts')[2].query.cursor).toBeUndefined();
    await waitFor(() => expect(shownIds().slice(0, 2)).toEqual(['n6', 'n5']));
  });

  it('F11: a deleted contact leaves the list without asking', async () => {
    const { events, requestsTo } = renderInbox({ 'GET /contacts': pagedRoute(() => contacts.slice(0, 20)) });
    await waitFor(() => expect(contactRow('c001')).toContain('Person 1'));
    act(() => events.emit('evt.contacts.deleted', { contactId: 'c001', before: {}, after: {}, contact: contact(1) }));
    await waitFor(() => expect(shownIds().slice(0, 2)).toEqual(['c000', 'c002']));
    expect(requestsTo('/contacts')).toHaveLength(1);
  });

  it('F26: a contact saved in another panel shows in its row without asking for the list again', async () => {
    const { queryClient, requestsTo } = renderInbox({
      'GET /contacts': pagedRoute(() => contacts.slice(0, 20)),
      'GET /contacts/c002': { body: contactFixture({ id: 'c002', fullName: 'Fetched Name' }) },
    });
    await waitFor(() => expect(contactRow('c001')).toContain('Person 1'));
    // The shell's panels share one cache: the saving panel put the contact there.
    act(() => {
      queryClient.setQueryData(queryKeys.contact('c001'), contactFixture({ id: 'c001', fullName: 'Saved Name' }));
      panelBus().publish('contact-updated', { contactId: 'c001' });
    });
    await waitFor(() => expect(contactRow('c001')).toContain('Saved Name'));
    expect(requestsTo('/contacts/c001')).toHaveLength(0);
    // A panel on a cache of its own: the inbox asks for that one contact.
    act(() => panelBus().publish('contact-updated', { contactId: 'c002' }));
    await waitFor(() => expect(contactRow('c002')).toContain('Fetched Name'));
    expect(requestsTo('/contacts')).toHaveLength(1);
  });

  it('#14: a rate-limited list says how long it waits, counts down, offers Retry, and asks again by itself when the wait ends', async () => {
    let limited = true;
    const page = pagedRoute(() => contacts.slice(0, 20));
    const { requestsTo } = renderInbox({
      'GET /contacts': (request) =>
        limited
          ? { status: 429, headers: { 'retry-after': '37' }, body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } } }
          : page(request),
    });
    await screen.findByText('Too many requests — trying again in 37 s');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    act(() => jest.advanceTimersByTime(1_000));
    expect(screen.getByText('Too many requests — trying again in 36 s')).toBeTruthy();
    expect(requestsTo('/contacts')).toHaveLength(1); // the query client does not retry a 429 on its own
    limited = false;
    act(() => jest.advanceTimersByTime(36_000));
    await waitFor(() => expect(contactRow('c000')).toContain('Person 0'));
    expect(requestsTo('/contacts')).toHaveLength(2);
    expect(screen.queryByText(/Too many requests/)).toBeNull();
  });

  it('F37: a list that failed says why and loads on Retry; it is never left blank', async () => {
    let failing = true;
    const page = pagedRoute(() => contacts.slice(0, 20));
    renderInbox({
      'GET /contacts': (request) =>
        failing ? { status: 500, body: { error: { code: 'INTERNAL', message: 'The contacts service failed.' } } } : page(request),
    });
    await act(() => jest.advanceTimersByTimeAsync(10_000)); // the query client's own retries of a 500
    expect(screen.getByText('The contacts service failed.')).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(contactRow('c000')).toContain('Person 0'));
    expect(screen.queryByText('The contacts service failed.')).toBeNull();
  });
});
