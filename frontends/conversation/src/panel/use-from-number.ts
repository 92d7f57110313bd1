import type { ContactView, MessageView } from '@conversations/contracts';
import { queryKeys, useNumbers, useSetSmsFrom, useSmsFrom } from '@conversations/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Channel } from './composer-rules';
import { chooseFrom, lastTextedNumber, sendersFor } from './from-numbers';
import { flattenTimeline, type TimelinePages } from './timeline-items';

/**
 * The From of the active channel (F18, F21, F31): the numbers that can send on it, the one a message goes
 * out from, and `pick` to choose another. Choosing an SMS From sets the contact's SMS Setting (the server
 * remembers it and the details panel shows it); a WhatsApp From is the composer's own (`picked`, `onPick`).
 */
export function useFromNumber(contact: ContactView, channel: Channel, picked: string | null, onPick: (number: string | null) => void) {
  const numbers = useNumbers();
  const smsFrom = useSmsFrom(contact.id);
  const messages = useLoadedMessages(contact.id);
  const saveSmsFrom = useSetSmsFrom(contact.id);
  const senders = numbers.data ? sendersFor(channel, numbers.data) : null;
  const smsSetting = saveSmsFrom.isPending ? (saveSmsFrom.variables ?? null) : (smsFrom.data?.from ?? null);
  const choice = chooseFrom({ channel, senders, picked, smsSetting, lastTexted: lastTextedNumber(messages, channel) });
  return {
    ...choice,
    senders,
    /** An SMS waits for the contact's SMS Setting: sending before it is known could go from the wrong number. */
    known: channel !== 'sms' || !smsFrom.isPending,
    /** Still asking what the From is or can be: nothing is shown yet, so the line does not change under the user. */
    loading: numbers.isPending || smsFrom.isPending,
    saving: saveSmsFrom.isPending,
    saveError: saveSmsFrom.error,
    forgetSaveError: saveSmsFrom.reset,
    pick: (number: string | null) => (channel === 'sms' ? saveSmsFrom.mutate(number) : onPick(number)),
  };
}

/**
 * The contact's messages the timeline has loaded, read from the shared query cache without asking for them:
 * the Timeline owns that query (its pages, its paging).
 */
function useLoadedMessages(contactId: string): MessageView[] {
  const queryClient = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  const pages = useSyncExternalStore(subscribe, () => queryClient.getQueryData<TimelinePages>(queryKeys.timeline(contactId)));
  return useMemo(() => flattenTimeline(pages).flatMap((entry) => (entry.kind === 'message' ? [entry.message] : [])), [pages]);
}
