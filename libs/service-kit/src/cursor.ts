import { Types } from 'mongoose';
import { DomainError } from './errors';

/** Position after the last item of a page sorted by (`sortValue` desc, `_id` desc). */
export interface CursorPosition {
  sortValue: Date;
  id: Types.ObjectId;
}

export function encodeCursor(position: { sortValue: Date; id: Types.ObjectId | string }): string {
  return Buffer.from(JSON.stringify([position.sortValue.getTime(), String(position.id)])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof time !== 'number' || !Types.ObjectId.isValid(id)) throw new Error('shape');
    return { sortValue: new Date(time), id: new Types.ObjectId(id) };
  } catch {
    throw DomainError.validation({ cursor: ['cursor is not one this API returned; start again without it'] });
  }
}

/**
 * The filter for "strictly after the cursor" in (`field` desc, `_id` desc) order — or both ascending
 * with `direction: 'asc'` (soonest-first lists). Keyset pagination: rows inserted meanwhile never shift
 * or repeat rows of later pages.
 */
export function afterCursorFilter(field: string, cursor: string | undefined, direction: 'asc' | 'desc' = 'desc'): Record<string, unknown> {
  if (!cursor) return {};
  const { sortValue, id } = decodeCursor(cursor);
  const beyond = direction === 'asc' ? '$gt' : '$lt';
  return { $or: [{ [field]: { [beyond]: sortValue } }, { [field]: sortValue, _id: { [beyond]: id } }] };
}

/** Takes `limit + 1` rows, returns `limit` and the cursor of the last one when there are more. */
export function toPage<Row extends { _id: Types.ObjectId }, Item>(
  rows: Row[],
  limit: number,
  sortValueOf: (row: Row) => Date,
  view: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(view),
    nextCursor: hasMore && last ? encodeCursor({ sortValue: sortValueOf(last), id: last._id }) : null,
  };
}
