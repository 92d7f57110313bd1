import type { CallView, MessageView, Page, TimelineItem } from '@conversations/contracts';
import { afterCursorFilter, DomainError } from '@conversations/service-kit';
import fc from 'fast-check';
import { checkTimelineCursor, compareNewestFirst, mergeTimelinePages } from './timeline-merge';

/** A stream as a service pages it: (time desc, id desc), strictly after the cursor, `limit` at a time. */
interface Row {
  id: string;
  at: number;
}

function pageOf(rows: Row[], cursor: string | undefined, limit: number): Page<Row> {
  const filter = afterCursorFilter('at', cursor) as {
    $or?: [{ at: { $lt: Date } }, { at: Date; _id: { $lt: { toHexString(): string } } }];
  };
  const after = filter.$or
    ? (row: Row) =>
        row.at < filter.$or![0].at.$lt.getTime() ||
        (row.at === filter.$or![1].at.getTime() && row.id < filter.$or![1]._id.$lt.toHexString())
    : () => true;
  const sorted = rows.filter(after).sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  const items = sorted.slice(0, limit);
  // The services' own cursor of the last row; the merge does not use it beyond "is there more".
  return { items, nextCursor: sorted.length > limit ? 'more' : null };
}

const hexId = (n: number) => n.toString(16).padStart(24, '0');
const message = (row: Row) => ({ id: row.id, createdAt: new Date(row.at).toISOString() }) as MessageView;
const call = (row: Row) => ({ id: row.id, startedAt: new Date(row.at).toISOString() }) as CallView;

function readTimeline(messages: Row[], calls: Row[], limit: number, onPage: () => void): TimelineItem[] {
  const seen: TimelineItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const m = pageOf(messages, cursor, limit);
    const c = pageOf(calls, cursor, limit);
    const page = mergeTimelinePages(
      { items: m.items.map(message), nextCursor: m.nextCursor },
      { items: c.items.map(call), nextCursor: c.nextCursor },
      limit,
    );
    seen.push(...page.items);
    onPage();
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('the timeline never ended');
}

describe('timeline merge', () => {
  it('returns every message and call exactly once, newest first, while new items keep arriving', () => {
    fc.assert(
      fc.property(
        // Few distinct instants, so many items share one: the id must break the tie the same way in both streams.
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 40 }), kind: fc.constantFrom('message', 'call') }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (generated, limit, arrivalsPerPage) => {
          let nextId = 1;
          const messages: Row[] = [];
          const calls: Row[] = [];
          for (const item of generated)
            (item.kind === 'message' ? messages : calls).push({ id: hexId(nextId++), at: 1_700_000_000_000 + item.at * 1000 });
          const expected = [...messages.map((row) => ({ ...row, kind: 'message' })), ...calls.map((row) => ({ ...row, kind: 'call' }))]
            .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
            .map((row) => `${row.kind}:${row.id}`);
          // New items arrive between page reads: later instants and larger ids, as the store assigns them.
          let now = 1_700_000_000_000 + 41_000;
          const arrive = () => {
            for (let i = 0; i < arrivalsPerPage; i++) (i % 2 ? messages : calls).push({ id: hexId(nextId++), at: (now += 7) });
          };
          const read = readTimeline(messages, calls, limit, arrive).map((item) => `${item.kind}:${item.id}`);
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders equal instants by id, descending, across both kinds', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const items = [
      { kind: 'message', id: hexId(1), at },
      { kind: 'call', id: hexId(3), at },
      { kind: 'message', id: hexId(2), at },
    ] as TimelineItem[];
    expect(items.sort(compareNewestFirst).map((item) => item.id)).toEqual([hexId(3), hexId(2), hexId(1)]);
  });

  it('ends with a null cursor when neither stream has more', () => {
    const page = mergeTimelinePages({ items: [message({ id: hexId(1), at: 1 })], nextCursor: null }, { items: [], nextCursor: null }, 5);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue with a field message for `before`', () => {
    const refusal = (() => {
      try {
        checkTimelineCursor('not-a-cursor');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).extra.fields).toEqual({ before: [expect.stringContaining('before')] });
  });
});
