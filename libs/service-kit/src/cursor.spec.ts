import { Types } from 'mongoose';
import { afterCursorFilter, decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursor pagination', () => {
  it('round-trips a position', () => {
    const id = new Types.ObjectId();
    const position = decodeCursor(encodeCursor({ sortValue: new Date(1_700_000_000_000), id }));
    expect(position.sortValue.getTime()).toBe(1_700_000_000_000);
    expect(String(position.id)).toBe(String(id));
  });

  it('rejects a cursor it did not issue with a field message', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', extra: { fields: { cursor: [expect.any(String)] } } }),
    );
  });

  it('filters strictly after the cursor in (field desc, _id desc) order', () => {
    const id = new Types.ObjectId();
    const at = new Date(1000);
    expect(afterCursorFilter('createdAt', encodeCursor({ sortValue: at, id }))).toEqual({
      $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: id } }],
    });
    expect(afterCursorFilter('createdAt', undefined)).toEqual({});
  });

  it('filters strictly after the cursor in ascending order for soonest-first lists', () => {
    const id = new Types.ObjectId();
    const at = new Date(1000);
    expect(afterCursorFilter('start', encodeCursor({ sortValue: at, id }), 'asc')).toEqual({
      $or: [{ start: { $gt: at } }, { start: at, _id: { $gt: id } }],
    });
  });

  it('returns a cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((n) => ({ _id: new Types.ObjectId(), at: new Date(n) }));
    expect(
      toPage(
        rows,
        3,
        (row) => row.at,
        (row) => String(row._id),
      ).nextCursor,
    ).toBeNull();
    const page = toPage(
      rows,
      2,
      (row) => row.at,
      (row) => String(row._id),
    );
    expect(page.items).toHaveLength(2);
    expect(decodeCursor(page.nextCursor as string).id.equals(rows[1]._id)).toBe(true);
  });
});
