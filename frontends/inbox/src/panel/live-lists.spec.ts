import { mergePages } from '@conversations/api-client';
import {
  findRow,
  firstPageOnly,
  newestFirst,
  patchRows,
  placeRow,
  removeRows,
  replaceRow,
  withFirstPage,
  type CachedPages,
} from './live-lists';

interface Row {
  id: string;
  at: string;
  name: string;
}
const row = (id: string, at: string, name = id): Row => ({ id, at, name });
const byAt = newestFirst<Row>((each) => each.at);

/** Two loaded pages of a newest-first list, more to come. */
const twoPages = (): CachedPages<Row> => ({
  pages: [
    { items: [row('e', '05'), row('d', '04')], nextCursor: 'after-d' },
    { items: [row('c', '03'), row('b', '02')], nextCursor: 'after-b' },
  ],
  pageParams: [null, 'after-d'],
});
const ids = (data: CachedPages<Row>) => data.pages.map((page) => page.items.map((each) => each.id));
const cursors = (data: CachedPages<Row>) => data.pages.map((page) => page.nextCursor);

describe('F11: live changes to the cached pages of a list', () => {
  it('patches a row where it is, keeping pages and cursors; a list nothing matched is the same object', () => {
    const data = twoPages();
    const patched = patchRows(
      data,
      (each) => each.id === 'c',
      (each) => ({ ...each, name: 'Cee' }),
    );
    expect(ids(patched)).toEqual(ids(data));
    expect(cursors(patched)).toEqual(cursors(data));
    expect(findRow(patched, 'c')?.name).toBe('Cee');
    expect(patched.pages[0]).toBe(data.pages[0]);
    expect(
      patchRows(
        data,
        (each) => each.id === 'zz',
        (each) => each,
      ),
    ).toBe(data);
    expect(findRow(replaceRow(data, row('b', '02', 'Bee')), 'b')?.name).toBe('Bee');
  });

  it('removes a row from whichever page holds it', () => {
    const removed = removeRows(twoPages(), (each) => each.id === 'c');
    expect(ids(removed)).toEqual([['e', 'd'], ['b']]);
    expect(cursors(removed)).toEqual(['after-d', 'after-b']);
  });

  it('puts a new row at the top of the first page, and one that sorts between loaded rows in its place', () => {
    expect(ids(placeRow(twoPages(), row('f', '06'), byAt))).toEqual([
      ['f', 'e', 'd'],
      ['c', 'b'],
    ]);
    expect(ids(placeRow(twoPages(), row('c2', '03'), byAt))).toEqual([
      ['e', 'd'],
      ['c2', 'c', 'b'],
    ]);
  });

  it('moves a row with newer activity to the top, and leaves one that sorts where it is in place', () => {
    const moved = placeRow(twoPages(), row('b', '09', 'active'), byAt);
    expect(ids(moved)).toEqual([['b', 'e', 'd'], ['c']]);
    expect(findRow(moved, 'b')?.name).toBe('active');
    expect(ids(placeRow(twoPages(), row('d', '04', 'renamed'), byAt))).toEqual(ids(twoPages()));
  });

  it('leaves out a row older than every loaded row while more pages exist; appends it once the last page is loaded', () => {
    expect(ids(placeRow(twoPages(), row('a', '01'), byAt))).toEqual(ids(twoPages()));
    const lastLoaded = twoPages();
    lastLoaded.pages[1].nextCursor = null;
    expect(ids(placeRow(lastLoaded, row('a', '01'), byAt))).toEqual([
      ['e', 'd'],
      ['c', 'b', 'a'],
    ]);
    const empty: CachedPages<Row> = { pages: [{ items: [], nextCursor: null }], pageParams: [null] };
    expect(ids(placeRow(empty, row('a', '01'), byAt))).toEqual([['a']]);
  });

  it('splices a fresh first page in, keeping the later pages and the rows it pushed down; each row shows once', () => {
    const data = twoPages();
    const fresh = { items: [row('f', '06'), row('c', '07', 'moved up')], nextCursor: 'after-c' };
    const spliced = withFirstPage(data, fresh);
    expect(ids(spliced)).toEqual([
      ['f', 'c', 'e', 'd'],
      ['c', 'b'],
    ]);
    expect(cursors(spliced)).toEqual(cursors(data));
    expect(spliced.pageParams).toEqual(data.pageParams);
    expect(spliced.pages[1]).toBe(data.pages[1]);
    expect(mergePages(spliced.pages).map((each) => each.name)).toEqual(['f', 'moved up', 'e', 'd', 'b']);
  });

  it('keeps only the first page (and its param) of a list that is not on screen', () => {
    const trimmed = firstPageOnly(twoPages());
    expect(ids(trimmed)).toEqual([['e', 'd']]);
    expect(trimmed.pageParams).toEqual([null]);
  });
});
