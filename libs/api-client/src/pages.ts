import type { Page } from '@conversations/contracts';

/**
 * The loaded pages of a cursor-paged list as one list, each id once (F4, F10): a row that moved to a later
 * page between two fetches (e.g. a contact created while scrolling) is kept where it was first seen.
 */
export function mergePages<T extends { id: string }>(pages: readonly Page<T>[] | undefined, pinned?: T | null): T[] {
  const seen = new Set<string>();
  const merged: T[] = [];
  const add = (item: T) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    merged.push(item);
  };
  if (pinned) add(pinned);
  for (const page of pages ?? []) for (const item of page.items) add(item);
  return merged;
}
