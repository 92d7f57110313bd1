import { ApiClient, type ApiClientOptions } from '@conversations/api-client';
import type { ContactListItem, ContactView, Page } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useApi } from './panel-root';

/**
 * Every query key of the panels. The panels of a page share one query cache (the shell's), so one key is
 * one copy of the data for all of them, and a change one panel makes shows in the others. Lists are
 * `[noun, 'list', filter]`: `…List.all()` is the prefix that reaches every search of that list.
 */
export const queryKeys = {
  me: () => ['me'] as const,
  teamMembers: () => ['team-members'] as const,
  contact: (contactId: string) => ['contact', contactId] as const,
  contactList: {
    all: () => ['contacts', 'list'] as const,
    search: (filter: { q: string; pinned: string | null }) => ['contacts', 'list', filter] as const,
  },
  conversationList: {
    all: () => ['conversations', 'list'] as const,
    search: (filter: { search: string }) => ['conversations', 'list', filter] as const,
  },
  callList: {
    all: () => ['calls', 'list'] as const,
    search: (filter: { search: string }) => ['calls', 'list', filter] as const,
  },
  timeline: (contactId: string) => ['timeline', contactId] as const,
  recordingLink: (callId: string) => ['recording-link', callId] as const,
  numbers: () => ['numbers'] as const,
  smsFrom: (contactId: string) => ['sms-from', contactId] as const,
  notes: (contactId: string) => ['notes', contactId] as const,
  appointments: (contactId: string) => ['appointments', contactId] as const,
  calendars: () => ['calendars'] as const,
  freeSlots: {
    all: () => ['free-slots'] as const,
    day: (calendarId: string | undefined, day: string) => ['free-slots', calendarId, day] as const,
  },
  tags: () => ['tags'] as const,
  dispositions: () => ['dispositions'] as const,
};

/** Rows per page of the inbox's lists. */
export const LIST_PAGE_SIZE = 50;

export interface ContactListFilter {
  q: string;
  pinned: string | null;
}

/** One page of the Contacts tab's list (F1–F5): what the inbox asks for, and what the shell asks for first. */
export function loadContactPage(api: ApiClient, { q, pinned }: ContactListFilter, cursor: string | null, signal?: AbortSignal) {
  return api.listContacts({ q, pinned, cursor, limit: LIST_PAGE_SIZE }, signal);
}

/**
 * The Contacts tab's first page, asked for by the shell as soon as it is signed in, into the page's shared
 * cache: the inbox remote's code is still loading then (remotes.json → manifest → remoteEntry → chunks), and
 * finds its rows there instead of asking only once it runs.
 */
export function prefetchContactList(queryClient: QueryClient, connection: ApiClientOptions, pinned: string | null) {
  const api = new ApiClient(connection);
  const filter = { q: '', pinned };
  return queryClient.prefetchInfiniteQuery({
    queryKey: queryKeys.contactList.search(filter),
    queryFn: ({ pageParam, signal }): Promise<Page<ContactListItem>> => loadContactPage(api, filter, pageParam, signal),
    initialPageParam: null as string | null,
  });
}

/** Account settings change rarely: lists of them are kept this long before asking again. */
export const SETTINGS_STALE_MS = 300_000;

/** The signed-in team member (their time zone and phone); it does not change during a session. */
export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.me(), queryFn: () => api.me(), staleTime: Infinity });
}

/** One contact's details: the one way they are asked for, so every reader shares the cached copy. */
export function contactQuery(api: ApiClient, contactId: string) {
  return queryOptions({ queryKey: queryKeys.contact(contactId), queryFn: () => api.getContact(contactId) });
}

export function useContact(contactId: string) {
  const api = useApi();
  return useQuery(contactQuery(api, contactId));
}

/** The account's sending numbers with what each can do (SMS, voice). */
export function useNumbers() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.numbers(), queryFn: () => api.listNumbers(), staleTime: SETTINGS_STALE_MS });
}

/**
 * The contact's SMS From and To (F31). The composer's Send waits for it, so a failed answer shows at once
 * rather than after retries.
 */
export function useSmsFrom(contactId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.smsFrom(contactId), queryFn: () => api.getSmsFrom(contactId), retry: false });
}

/** Sets the contact's SMS From (F31); the answer replaces the cached setting, so the composer and the details panel agree. */
export function useSetSmsFrom(contactId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (from: string | null) => api.setSmsFrom(contactId, from),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.smsFrom(contactId), view),
  });
}

/**
 * After any change to a contact: this cache and every panel see the new contact at once (F26). The inbox
 * patches its rows from the cached contact; no list is asked for again.
 */
export function useContactSaved() {
  const queryClient = useQueryClient();
  return useCallback(
    (contact: ContactView) => {
      queryClient.setQueryData(queryKeys.contact(contact.id), contact);
      panelBus().publish('contact-updated', { contactId: contact.id });
    },
    [queryClient],
  );
}

/** Another panel changed the contact (it says so on the panel bus): load it again. */
export function useReloadContactWhenUpdated(contactId: string) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      panelBus().subscribe('contact-updated', (message) => {
        if (message.contactId === contactId) void queryClient.invalidateQueries({ queryKey: queryKeys.contact(contactId) });
      }),
    [contactId, queryClient],
  );
}
