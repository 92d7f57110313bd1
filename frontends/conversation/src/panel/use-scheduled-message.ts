import type { ScheduledMessageChanges } from '@conversations/api-client';
import type { MessageView } from '@conversations/contracts';
import { queryKeys, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { messageEntry, upsertEntry, type TimelinePages } from './timeline-items';

/**
 * F38: Edit and Cancel of a scheduled message. The answer replaces the entry in the timeline like a live
 * event would (the later of the two wins by `updatedAt`).
 */
export function useScheduledMessage(message: MessageView) {
  const api = useApi();
  const queryClient = useQueryClient();
  const place = (saved: MessageView) =>
    queryClient.setQueryData<TimelinePages>(queryKeys.timeline(message.contactId), (data) => upsertEntry(data, messageEntry(saved)));
  const update = useMutation({
    mutationFn: (changes: ScheduledMessageChanges) => api.updateScheduledMessage(message.id, changes),
    onSuccess: place,
  });
  const cancel = useMutation({ mutationFn: () => api.cancelScheduledMessage(message.id), onSuccess: place });
  return { update, cancel };
}
