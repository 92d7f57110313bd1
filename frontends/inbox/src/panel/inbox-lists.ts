import type { ApiClient } from '@conversations/api-client';
import type { CallView, ContactListItem, ConversationView, Page } from '@conversations/contracts';
import { type ContactListFilter, LIST_PAGE_SIZE, loadContactPage, queryKeys } from '@conversations/ui';
import type { QueryKey } from '@tanstack/react-query';
import { newestFirst, type SortOrder } from './live-lists';

/**
 * One list of the inbox: its cache key per filter, how a page of it is loaded, and the order the server
 * keeps it in. The tab and the live updates (`useLiveLists`) both read it, so they agree on all three.
 */
export interface InboxList<T extends { id: string }, F> {
  /** The prefix of the keys of every filter of the list. */
  all: () => QueryKey;
  key: (filter: F) => QueryKey;
  load: (api: ApiClient, filter: F, cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;
  order: (filter: F) => SortOrder<T>;
  /** A searched list holds the rows the server matched: it cannot tell whether a row it lacks matches. */
  searched: (filter: F) => boolean;
  /** The event's row is older than the cached one (events can arrive out of order): keep the cached one. */
  outdated?: (incoming: T, cached: T) => boolean;
}

export type ContactFilter = ContactListFilter;
export interface SearchFilter {
  search: string;
}

/** F1–F5: newest first; the deep-linked contact first of all on the unsearched list. */
export const contactList: InboxList<ContactListItem, ContactFilter> = {
  all: queryKeys.contactList.all,
  key: queryKeys.contactList.search,
  load: loadContactPage,
  order: ({ pinned }) => {
    const newer = newestFirst<ContactListItem>((contact) => contact.createdAt);
    return (contact, other) => other.id !== pinned && newer(contact, other);
  },
  searched: ({ q }) => q !== '',
};

/** F6, F7: newest activity first. */
export const conversationList: InboxList<ConversationView, SearchFilter> = {
  all: queryKeys.conversationList.all,
  key: queryKeys.conversationList.search,
  load: (api, { search }, cursor, signal) => api.listConversations({ search, cursor, limit: LIST_PAGE_SIZE }, signal),
  order: () => newestFirst((conversation) => conversation.lastMessageAt),
  searched: ({ search }) => search !== '',
  outdated: (incoming, cached) => (incoming.lastMessageAt ?? '') < (cached.lastMessageAt ?? ''),
};

/** F8, F9: newest first. */
export const callList: InboxList<CallView, SearchFilter> = {
  all: queryKeys.callList.all,
  key: queryKeys.callList.search,
  load: (api, { search }, cursor, signal) => api.listCalls({ search, cursor, limit: LIST_PAGE_SIZE }, signal),
  order: () => newestFirst((call) => call.startedAt),
  searched: ({ search }) => search !== '',
  outdated: (incoming, cached) => incoming.updatedAt < cached.updatedAt,
};
