import type { CallView, MessageView, Page, TimelineItem } from '@conversations/contracts';
import { decodeCursor, DomainError, encodeCursor } from '@conversations/service-kit';

/**
 * F14: one contact's messages and calls as one stream, newest first, merged from two keyset-paged
 * streams that share one order — (time desc, id desc), where a message's time is its createdAt and a
 * call's its startedAt — and one cursor format (service-kit `encodeCursor` of the last item's time and id).
 * A page asks each stream for `limit` items strictly after the cursor and keeps the first `limit` of both;
 * the next cursor is the last item kept. Every item therefore sorts strictly after the previous page's
 * last item and before the next page's first: nothing is skipped or repeated, and items inserted
 * meanwhile (newer than any cursor) never shift older pages. Never an offset.
 */
export function timelineItemOfMessage(message: MessageView): TimelineItem {
  return { kind: 'message', id: message.id, at: message.createdAt, message };
}

export function timelineItemOfCall(call: CallView): TimelineItem {
  return { kind: 'call', id: call.id, at: call.startedAt, call };
}

/** Newest first; equal instants by id, descending, as both services sort (ObjectId hex compares like the ObjectId). */
export function compareNewestFirst(a: TimelineItem, b: TimelineItem): number {
  const byTime = Date.parse(b.at) - Date.parse(a.at);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function mergeTimelinePages(messages: Page<MessageView>, calls: Page<CallView>, limit: number): Page<TimelineItem> {
  const merged = [...messages.items.map(timelineItemOfMessage), ...calls.items.map(timelineItemOfCall)].sort(compareNewestFirst);
  const items = merged.slice(0, limit);
  const more = merged.length > limit || messages.nextCursor !== null || calls.nextCursor !== null;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ sortValue: new Date(last.at), id: last.id }) : null };
}

/** Checks a client's `before` cursor here, so a bad one is one clear 422 rather than two service errors. */
export function checkTimelineCursor(before: string | undefined): void {
  if (!before) return;
  try {
    decodeCursor(before);
  } catch {
    throw DomainError.validation({ before: ['before is not a cursor this API returned; start again without it'] });
  }
}
