import type { CallView, MessageView } from '@conversations/contracts';
import {
  callEntry,
  flattenTimeline,
  messageEntry,
  pendingMessageId,
  upsertEntry,
  type TimelineEntry,
  type TimelinePages,
} from './timeline-items';

const message = (id: string, facts: Partial<MessageView> = {}) =>
  ({
    id,
    direction: 'outbound',
    status: 'queued',
    clientMessageId: null,
    createdAt: '2026-06-10T10:00:00.000Z',
    updatedAt: '2026-06-10T10:00:00.000Z',
    ...facts,
  }) as MessageView;
const call = (id: string, facts: Partial<CallView> = {}) =>
  ({ id, status: 'ringing', startedAt: '2026-06-10T10:00:00.000Z', updatedAt: '2026-06-10T10:00:00.000Z', ...facts }) as CallView;
const pages = (...items: TimelineEntry[][]): TimelinePages => ({
  pages: items.map((page, index) => ({
    items: page,
    nextCursor: index < items.length - 1 ? `p${index + 1}` : null,
    source: 'timeline' as const,
  })),
  pageParams: items.map((_, index) => ({ source: 'timeline' as const, cursor: index ? `p${index}` : null })),
});
const ids = (data: TimelinePages | undefined) => flattenTimeline(data).map((entry) => entry.id);

describe('F14, F23: keeping the loaded timeline current', () => {
  it('a send’s pending bubble becomes the server’s message; a live event that came first is kept if newer', () => {
    const pending = messageEntry({ ...message(pendingMessageId('u1'), { clientMessageId: 'u1' }), pending: true });
    const withPending = upsertEntry(pages([messageEntry(message('m0'))]), pending);
    expect(ids(withPending)).toEqual(['message:pending-u1', 'message:m0']);

    // The live "delivered" event for the same send arrives before the POST answers…
    const delivered = message('m1', { clientMessageId: 'u1', status: 'delivered', updatedAt: '2026-06-10T10:00:02.000Z' });
    const afterEvent = upsertEntry(withPending, messageEntry(delivered));
    expect(ids(afterEvent)).toEqual(['message:m1', 'message:m0']);
    // …then the POST's answer (status queued, older): one bubble, still delivered.
    const afterAnswer = upsertEntry(afterEvent, messageEntry(message('m1', { clientMessageId: 'u1' })));
    const entries = flattenTimeline(afterAnswer);
    expect(entries.map((entry) => entry.id)).toEqual(['message:m1', 'message:m0']);
    expect(entries[0].kind === 'message' && entries[0].message.status).toBe('delivered');
  });

  it('a call updates in place on whatever page holds it; a new one goes on the newest page', () => {
    const data = pages([callEntry(call('k2', { startedAt: '2026-06-10T11:00:00.000Z' }))], [callEntry(call('k1'))]);
    const updated = upsertEntry(data, callEntry(call('k1', { status: 'completed', updatedAt: '2026-06-10T10:05:00.000Z' })));
    expect(updated!.pages[1].items[0].kind === 'call' && updated!.pages[1].items[0].call.status).toBe('completed');
    expect(ids(updated)).toEqual(['call:k2', 'call:k1']);
    const added = upsertEntry(updated, callEntry(call('k3', { startedAt: '2026-06-10T12:00:00.000Z' })));
    expect(added!.pages[0].items.map((entry) => entry.id)).toEqual(['call:k3', 'call:k2']);
  });

  it('an entry older than everything loaded, while older pages remain, waits for its own page', () => {
    const data = pages(
      [messageEntry(message('m5', { createdAt: '2026-06-10T10:00:00.000Z' }))],
      [messageEntry(message('m4', { createdAt: '2026-06-10T09:00:00.000Z' }))],
    );
    data.pages[1].nextCursor = 'p2';
    expect(upsertEntry(data, messageEntry(message('m1', { createdAt: '2026-06-01T09:00:00.000Z' })))).toBe(data);
  });

  it('nothing loaded yet: nothing to update', () => {
    expect(upsertEntry(undefined, callEntry(call('k1')))).toBeUndefined();
  });
});
