import type { Page } from '@conversations/contracts';
import type { InfiniteData } from '@tanstack/react-query';

/**
 * Changes to the cached pages of one cursor-paged list (F11), made in place so no page is asked for again.
 * Pages keep their boundaries and cursors: the server pages by position in its sort order (keyset), so a row
 * added or moved by that order never makes the next page skip or repeat a row. Untouched pages (and a list
 * nothing touched) keep their identity, so nothing re-renders for them.
 */
export type CachedPages<T> = InfiniteData<Page<T>>;

/** Whether `row` is listed before `other`: the list's sort order. */
export type SortOrder<T> = (row: T, other: T) => boolean;

function mapPageItems<T>(data: CachedPages<T>, change: (items: T[], pageIndex: number) => T[]): CachedPages<T> {
  let changed = false;
  const pages = data.pages.map((page, pageIndex) => {
    const items = change(page.items, pageIndex);
    if (items === page.items) return page;
    changed = true;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

export function findRow<T extends { id: string }>(data: CachedPages<T>, id: string): T | undefined {
  for (const page of data.pages) {
    const row = page.items.find((item) => item.id === id);
    if (row) return row;
  }
  return undefined;
}

/** Each row that `matches` changed by `change`, where it is. */
export function patchRows<T>(data: CachedPages<T>, matches: (row: T) => boolean, change: (row: T) => T): CachedPages<T> {
  return mapPageItems(data, (items) => (items.some(matches) ? items.map((row) => (matches(row) ? change(row) : row)) : items));
}

/** `row` in place of the row with its id, wherever that is. */
export function replaceRow<T extends { id: string }>(data: CachedPages<T>, row: T): CachedPages<T> {
  return patchRows(
    data,
    (other) => other.id === row.id,
    () => row,
  );
}

/** Without the rows that `matches`, from whichever page holds them. */
export function removeRows<T>(data: CachedPages<T>, matches: (row: T) => boolean): CachedPages<T> {
  return mapPageItems(data, (items) => (items.some(matches) ? items.filter((row) => !matches(row)) : items));
}

/**
 * `row` where the sort order puts it: in place of its old version while that still sorts there; otherwise a
 * new row or one with newer activity goes to the top of the first page. A row older than every loaded row
 * belongs to a page not loaded yet (it comes with that page), unless the last page is loaded.
 */
export function placeRow<T extends { id: string }>(data: CachedPages<T>, row: T, comesBefore: SortOrder<T>): CachedPages<T> {
  const rows = data.pages.flatMap((page) => page.items);
  const at = rows.findIndex((other) => other.id === row.id);
  const previous = rows[at - 1];
  const next = rows[at + 1];
  if (at >= 0 && !(previous && comesBefore(row, previous)) && !(next && comesBefore(next, row))) return replaceRow(data, row);
  const others = removeRows(data, (other) => other.id === row.id);
  const lastIndex = others.pages.length - 1;
  const found = others.pages.findIndex((page) => page.items.some((other) => comesBefore(row, other)));
  const target = found >= 0 ? found : others.pages[lastIndex]?.nextCursor === null ? lastIndex : -1;
  return mapPageItems(others, (items, pageIndex) => {
    if (pageIndex !== target) return items;
    const at = items.findIndex((other) => comesBefore(row, other));
    return at < 0 ? [...items, row] : [...items.slice(0, at), row, ...items.slice(at)];
  });
}

/**
 * `fresh` (the first page, asked for again) in place of the cached first page; the later pages stay as they
 * are, so the rows on screen and the scroll position stay. A row also on a later page shows once, at its new
 * place (`mergePages`). Rows of the cached first page that `fresh` lacks stay at its end, under its cursor:
 * the rows `fresh` added pushed them there, and dropping them would hide them until the next page reloads.
 */
export function withFirstPage<T extends { id: string }>(data: CachedPages<T>, fresh: Page<T>): CachedPages<T> {
  const [first, ...later] = data.pages;
  if (!first) return data;
  const freshIds = new Set(fresh.items.map((row) => row.id));
  const pushedDown = first.items.filter((row) => !freshIds.has(row.id));
  return { ...data, pages: [{ items: [...fresh.items, ...pushedDown], nextCursor: first.nextCursor }, ...later] };
}

/** The first-page slice of the cache, for a list not on screen: when shown again it asks for one page, not all. */
export function firstPageOnly<T>(data: CachedPages<T>): CachedPages<T> {
  return { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) };
}

/** Newest first by `at`, then by id: the `(at desc, _id desc)` order the services page by. */
export function newestFirst<T extends { id: string }>(at: (row: T) => string | null): SortOrder<T> {
  return (row, other) => {
    const rowAt = at(row) ?? '';
    const otherAt = at(other) ?? '';
    return rowAt > otherAt || (rowAt === otherAt && row.id > other.id);
  };
}
