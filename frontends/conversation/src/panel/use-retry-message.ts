import type { MessageView } from '@conversations/contracts';
import { queryKeys, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { messageEntry, upsertEntry, type TimelinePages } from './timeline-items';

/**
 * F40: Retry of a failed or undelivered message. The answer (the message, queued again) goes into the
 * timeline like any other update; the live status events then carry it on. One attempt at a time: the
 * mutation's pending state reaches the button only on the next render, so a second click of a double
 * click in between is dropped here, not sent.
 */
export function useRetryMessage(message: MessageView) {
  const api = useApi();
  const queryClient = useQueryClient();
  const running = useRef(false);
  const mutation = useMutation({
    mutationFn: () => api.retryMessage(message.id),
    onSuccess: (queued) =>
      queryClient.setQueryData<TimelinePages>(queryKeys.timeline(message.contactId), (data) => upsertEntry(data, messageEntry(queued))),
    onSettled: () => {
      running.current = false;
    },
  });
  const retry = () => {
    if (running.current) return;
    running.current = true;
    mutation.mutate();
  };
  return { retry, isRunning: mutation.isPending, error: mutation.error };
}
