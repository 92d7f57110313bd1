import type { ContactView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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

/** Account settings change rarely: lists of them are kept this long before asking again. */
export const SETTINGS_STALE_MS = 300_000;

/** The signed-in team member (their time zone and phone); it does not change during a session. */
export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.me(), queryFn: () => api.me(), staleTime: Infinity });
}

export function useContact(contactId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.contact(contactId), queryFn: () => api.getContact(contactId) });
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

/** After any change to a contact: this cache, every list, and every panel see the new contact at once (F26). */
export function useContactSaved() {
  const queryClient = useQueryClient();
  return useCallback(
    (contact: ContactView) => {
      queryClient.setQueryData(queryKeys.contact(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactList.all() });
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
