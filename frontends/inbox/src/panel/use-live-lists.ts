import type { ContactListItem, ContactView, Page } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { contactQuery, useApi, useLiveEvents } from '@conversations/ui';
import { hashKey, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { callList, contactList, conversationList, type InboxList } from './inbox-lists';
import { findRow, firstPageOnly, patchRows, placeRow, removeRows, replaceRow, withFirstPage, type CachedPages } from './live-lists';

/** A list that must ask the server again asks for its first page this long after the first event of a burst. */
export const FIRST_PAGE_REFRESH_MS = 1_500;

type Refresh = <T extends { id: string }, F>(list: InboxList<T, F>, filter: F) => void;

/**
 * F11: the inbox lists follow the live events and the contacts saved in other panels, in place: a changed
 * row is patched where it is, a new or newly active one placed by the list's order, a deleted one removed.
 * Only what an event cannot tell (whether a searched list matches a row it lacks, a row the event does not
 * fully describe) asks the server again, and then only for the first page, once per burst: asking again for
 * every loaded page on every event once tripped a tenant's rate limit.
 */
export function useLiveLists() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresher = useMemo(() => firstPageRefresher(queryClient), [queryClient]);
  useEffect(() => refresher.cancel, [refresher]);
  const refresh: Refresh = (list, filter) => refresher.queue(list.key(filter), () => list.load(api, filter, null));

  useLiveEvents((event) => {
    switch (event.type) {
      case 'evt.contacts.created': {
        const contact = contactListItemOf(event.data.after);
        if (contact) placeEverywhere(queryClient, refresh, contactList, contact);
        else for (const { filter } of cachedSearches(queryClient, contactList)) refresh(contactList, filter);
        break;
      }
      case 'evt.contacts.updated':
        applyContactFields(queryClient, event.data.contactId, { ...event.data.after, ...event.data.contact });
        break;
      case 'evt.contacts.deleted':
        removeEverywhere(queryClient, contactList, (contact) => contact.id === event.data.contactId);
        break;
      case 'evt.messaging.conversation-updated': {
        const { conversation } = event.data;
        // No last message: the conversation is not listed (never written to, or its contact was deleted).
        if (conversation.lastMessageAt === null) removeEverywhere(queryClient, conversationList, (each) => each.id === conversation.id);
        else placeEverywhere(queryClient, refresh, conversationList, conversation);
        break;
      }
      case 'evt.calls.created':
      case 'evt.calls.updated':
        placeEverywhere(queryClient, refresh, callList, event.data.call);
        break;
    }
  });

  useEffect(
    () =>
      panelBus().subscribe('contact-updated', ({ contactId }) => {
        // The saving panel put the contact in the cache the shell shares; a panel on its own cache asks for the one contact.
        queryClient.query(contactQuery(api, contactId)).then(
          (contact) => applyContactFields(queryClient, contactId, contact),
          () => undefined, // its evt.contacts.updated brings the change all the same
        );
      }),
    [api, queryClient],
  );
}

/** Every cached search of `list` with its filter: the last part of its key, where `list.key` puts it. */
function cachedSearches<T extends { id: string }, F>(queryClient: QueryClient, list: InboxList<T, F>) {
  return queryClient
    .getQueriesData<CachedPages<T>>({ queryKey: list.all() })
    .flatMap(([key, data]) => (data ? [{ key, data, filter: key[key.length - 1] as F }] : []));
}

/**
 * `row` (new, or the whole of a changed one) in every search of `list`. The unsearched list places it by its
 * order. A searched list replaces it where it is, and asks for its first page again when the row is new to it
 * or has newer activity: whether such a row matches, and so where it goes, only the server knows.
 */
function placeEverywhere<T extends { id: string }, F>(queryClient: QueryClient, refresh: Refresh, list: InboxList<T, F>, row: T) {
  for (const { key, data, filter } of cachedSearches(queryClient, list)) {
    const order = list.order(filter);
    const cached = findRow(data, row.id);
    if (cached && list.outdated?.(row, cached)) continue;
    if (!list.searched(filter)) {
      queryClient.setQueryData(key, placeRow(data, row, order));
      continue;
    }
    if (cached) queryClient.setQueryData(key, replaceRow(data, row));
    const top = data.pages[0]?.items[0];
    if (cached ? order(row, cached) : !top || order(row, top)) refresh(list, filter);
  }
}

function removeEverywhere<T extends { id: string }, F>(queryClient: QueryClient, list: InboxList<T, F>, matches: (row: T) => boolean) {
  queryClient.setQueriesData<CachedPages<T>>({ queryKey: list.all() }, (data) => data && removeRows(data, matches));
}

function patchEverywhere<T extends { id: string }, F>(
  queryClient: QueryClient,
  list: InboxList<T, F>,
  matches: (row: T) => boolean,
  change: (row: T) => T,
) {
  queryClient.setQueriesData<CachedPages<T>>({ queryKey: list.all() }, (data) => data && patchRows(data, matches, change));
}

/** The contact's changed fields, in its Contacts rows and in the copies of its name and phone the Chat and Calls rows show. */
function applyContactFields(queryClient: QueryClient, contactId: string, fields: Partial<ContactView>) {
  const { firstName, lastName, fullName, phone } = fields;
  const row = definedOf({ firstName, lastName, fullName, phone });
  const copy = definedOf({ fullName, phone });
  const withCopy = <R extends { contact: { fullName: string; phone: string | null } }>(each: R): R => ({
    ...each,
    contact: { ...each.contact, ...copy },
  });
  const withRow = (contact: ContactListItem): ContactListItem => ({ ...contact, ...row });
  patchEverywhere(queryClient, contactList, (contact) => contact.id === contactId, withRow);
  patchEverywhere(queryClient, conversationList, (conversation) => conversation.contactId === contactId, withCopy);
  patchEverywhere(queryClient, callList, (call) => call.contactId === contactId, withCopy);
}

/** The Contacts row of a new contact, when the event holds every field the row shows. */
function contactListItemOf({ id, firstName, lastName, fullName, phone, createdAt }: Partial<ContactView>): ContactListItem | undefined {
  if (id === undefined || firstName === undefined || lastName === undefined) return undefined;
  if (fullName === undefined || phone === undefined || createdAt === undefined) return undefined;
  return { id, firstName, lastName, fullName, phone, createdAt };
}

/** The fields that are there: an event's `after` holds only what changed. */
function definedOf<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Asks for the first page of each list queued, FIRST_PAGE_REFRESH_MS after the first of a burst (the lists
 * queued meanwhile go in the same round, each once): a steady stream of events asks at most once per period.
 */
function firstPageRefresher(queryClient: QueryClient) {
  const queued = new Map<string, { key: QueryKey; load: () => Promise<Page<{ id: string }>> }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = ({ key, load }: { key: QueryKey; load: () => Promise<Page<{ id: string }>> }) => {
    const query = queryClient.getQueryCache().find({ queryKey: key, exact: true });
    if (!query?.isActive()) {
      // Not on screen: keep one page, stale, so that showing it again asks for that one page only.
      queryClient.setQueryData<CachedPages<{ id: string }>>(key, (data) => data && firstPageOnly(data));
      void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
      return;
    }
    load().then(
      (fresh) => {
        // A page fetched meanwhile is added to the pages its fetch started from, undoing a splice now: go again after it.
        if (query.state.fetchStatus === 'fetching') queue(key, load);
        else queryClient.setQueryData<CachedPages<{ id: string }>>(key, (data) => data && withFirstPage(data, fresh));
      },
      () => undefined, // the rows stay as they are; the next event or reload asks again
    );
  };

  const queue = (key: QueryKey, load: () => Promise<Page<{ id: string }>>) => {
    queued.set(hashKey(key), { key, load });
    timer ??= setTimeout(() => {
      timer = undefined;
      const due = [...queued.values()];
      queued.clear();
      due.forEach(refresh);
    }, FIRST_PAGE_REFRESH_MS);
  };

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    queued.clear();
  };
  return { queue, cancel };
}
