import type { ApiClient } from '@conversations/api-client';
import type { CallView, MessageView, Page, TimelineItem } from '@conversations/contracts';
import type { InfiniteData } from '@tanstack/react-query';

/** A message the composer appended before the server answered (F23). */
export type TimelineMessage = MessageView & { pending?: boolean };

/**
 * One entry of the timeline as the panel keeps it: the API's TimelineItem, with `id` made `message:<id>` or
 * `call:<id>` so a message or call is the same entry whichever way it arrived (page, send, live event).
 */
export type TimelineEntry =
  { kind: 'message'; id: string; at: string; message: TimelineMessage } | { kind: 'call'; id: string; at: string; call: CallView };

/**
 * Where a page came from: the merged timeline (F14), or — while the gateway has no timeline route (404/501)
 * or cannot merge calls in (503) — the messages alone, so texting keeps working without the calls service.
 */
export type TimelineSource = 'timeline' | 'messages';
export interface TimelineCursor {
  source: TimelineSource;
  cursor: string | null;
}
export interface TimelinePage extends Page<TimelineEntry> {
  source: TimelineSource;
}
export type TimelinePages = InfiniteData<TimelinePage, TimelineCursor>;

export const FIRST_TIMELINE_PAGE: TimelineCursor = { source: 'timeline', cursor: null };

export function messageEntry(message: TimelineMessage): TimelineEntry {
  return { kind: 'message', id: `message:${message.id}`, at: message.createdAt, message };
}

/** The id of the bubble a send shows until the server answers (F23). */
export const pendingMessageId = (clientMessageId: string) => `pending-${clientMessageId}`;

export function callEntry(call: CallView, at = call.startedAt): TimelineEntry {
  return { kind: 'call', id: `call:${call.id}`, at, call };
}

export function entryOf(item: TimelineItem): TimelineEntry {
  return item.kind === 'message' ? { ...messageEntry(item.message), at: item.at } : callEntry(item.call, item.at);
}

/** Newest first; `nextCursor` goes back as `before`. */
export async function loadTimelinePage(api: ApiClient, contactId: string, page: TimelineCursor): Promise<TimelinePage> {
  if (page.source === 'timeline') {
    try {
      const loaded = await api.timeline(contactId, page.cursor);
      return { items: loaded.items.map(entryOf), nextCursor: loaded.nextCursor, source: 'timeline' };
    } catch (error) {
      const unavailable = (error as { isUnavailable?: boolean }).isUnavailable === true;
      if (!unavailable || page.cursor !== null) throw error;
    }
  }
  const messages = await api.listMessages(contactId, page.cursor);
  return { items: messages.items.map(messageEntry), nextCursor: messages.nextCursor, source: 'messages' };
}

export function nextTimelinePage(last: TimelinePage): TimelineCursor | undefined {
  return last.nextCursor ? { source: last.source, cursor: last.nextCursor } : undefined;
}

/** The loaded pages as one list, each entry once (the first occurrence wins, as in `mergePages`). */
export function flattenTimeline(data: TimelinePages | undefined): TimelineEntry[] {
  const seen = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const page of data?.pages ?? [])
    for (const entry of page.items) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      entries.push(entry);
    }
  return entries;
}

function updatedAtOf(entry: TimelineEntry): string {
  return entry.kind === 'message' ? entry.message.updatedAt : entry.call.updatedAt;
}

/**
 * Puts a message or call into the loaded timeline (a live event, a send's answer): an entry already there
 * is replaced in place unless what we hold is newer (a late event never moves a status backwards); the
 * pending bubble of the same send (same clientMessageId) becomes the real message; anything else is new
 * and goes on the newest page (unless it is older than all that is loaded: then its own page brings it).
 */
export function upsertEntry(data: TimelinePages | undefined, entry: TimelineEntry): TimelinePages | undefined {
  if (!data) return data;
  const clientMessageId = entry.kind === 'message' && !entry.message.pending ? entry.message.clientMessageId : null;
  const pendingOfSend = (item: TimelineEntry) =>
    !!clientMessageId && item.kind === 'message' && !!item.message.pending && item.message.clientMessageId === clientMessageId;
  const matches = (item: TimelineEntry) => item.id === entry.id || pendingOfSend(item);
  let chosen = entry;
  for (const page of data.pages)
    for (const item of page.items) if (item.id === entry.id && updatedAtOf(item) > updatedAtOf(chosen)) chosen = item;
  let placed = false;
  let pages = data.pages.map((page) => {
    if (!page.items.some(matches)) return page;
    const items: TimelineEntry[] = [];
    for (const item of page.items) {
      if (!matches(item)) items.push(item);
      else if (!placed) {
        placed = true;
        items.push(chosen);
      }
    }
    return { ...page, items };
  });
  if (!placed) {
    // Older than everything loaded while older pages remain: it arrives with its own page, in its place.
    if (data.pages.at(-1)?.nextCursor && data.pages.some((page) => page.items.length) && entry.at < oldestAt(data)) return data;
    pages = pages.map((page, index) => (index === 0 ? { ...page, items: [entry, ...page.items] } : page));
  }
  return { ...data, pages };
}

function oldestAt(data: TimelinePages): string {
  let oldest = '\uffff';
  for (const page of data.pages) for (const item of page.items) if (item.at < oldest) oldest = item.at;
  return oldest;
}

export function removeEntry(data: TimelinePages | undefined, id: string): TimelinePages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.id === id) ? { ...page, items: page.items.filter((item) => item.id !== id) } : page,
    ),
  };
}
