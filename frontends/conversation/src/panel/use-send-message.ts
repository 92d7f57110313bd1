import type { ContactView } from '@conversations/contracts';
import { queryKeys, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { renderPlaceholders, type Channel } from './composer-rules';
import { messageEntry, pendingMessageId, removeEntry, upsertEntry, type TimelineMessage, type TimelinePages } from './timeline-items';

export interface OutgoingMessage {
  body: string;
  channel: Channel;
  clientMessageId: string;
  /** The number it goes out from, able to send on the channel (F18, F21). */
  from: string | null | undefined;
  /** F38: send later, at this instant (ISO with its UTC offset); the message is stored `scheduled`. */
  scheduledAt?: string;
  /** F38: with `scheduledAt` — cancel it if the contact writes in first. */
  cancelIfReplied?: boolean;
}

/**
 * F23: Send (and F38's Send later, the same request with `scheduledAt`). The message shows in the timeline at once as pending; the server's record replaces it, or it
 * goes on failure. `onAccepted` runs once the server took the message, even if the composer is gone by then
 * (the user switched contact), so a kept draft of it can go.
 */
export function useSendMessage(contact: ContactView, onAccepted: (message: OutgoingMessage) => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  const timeline = queryKeys.timeline(contact.id);
  return useMutation({
    mutationFn: (message: OutgoingMessage) =>
      api.sendMessage(contact.id, {
        channel: message.channel,
        body: message.body,
        clientMessageId: message.clientMessageId,
        from: message.from ?? undefined,
        ...(message.scheduledAt ? { scheduledAt: message.scheduledAt, cancelIfReplied: message.cancelIfReplied ?? false } : {}),
      }),
    onMutate: async (message) => {
      await queryClient.cancelQueries({ queryKey: timeline });
      queryClient.setQueryData<TimelinePages>(timeline, (data) => upsertEntry(data, messageEntry(pendingMessage(contact, message))));
    },
    onSuccess: (saved, message) => {
      onAccepted(message);
      // The server's record replaces the pending bubble (or joins a live event that already brought it). The
      // Chat list moves the conversation up from its evt.messaging.conversation-updated.
      queryClient.setQueryData<TimelinePages>(timeline, (data) => upsertEntry(data, messageEntry(saved)));
    },
    onError: (_error, message) => {
      // F23/F37: the pending bubble goes away (the composer keeps the text).
      queryClient.setQueryData<TimelinePages>(timeline, (data) =>
        removeEntry(data, `message:${pendingMessageId(message.clientMessageId)}`),
      );
    },
  });
}

/** The bubble shown until the server answers: the text as the contact will read it. */
function pendingMessage(contact: ContactView, message: OutgoingMessage): TimelineMessage {
  const now = new Date().toISOString();
  return {
    id: pendingMessageId(message.clientMessageId),
    contactId: contact.id,
    direction: 'outbound',
    channel: message.channel,
    from: message.from ?? '',
    to: contact.phone ?? '',
    body: renderPlaceholders(message.body, contact).text,
    segments: 1,
    status: message.scheduledAt ? 'scheduled' : 'queued',
    statusTrail: [],
    failureReason: null,
    clientMessageId: message.clientMessageId,
    providerMessageId: null,
    automated: false,
    silenced: false,
    sentBy: null,
    createdAt: now,
    updatedAt: now,
    ...(message.scheduledAt
      ? { schedule: { scheduledAt: message.scheduledAt, cancelIfReplied: message.cancelIfReplied ?? false, cancelReason: null } }
      : {}),
    pending: true,
  };
}
