import { mergePages } from '@conversations/api-client';
import { useApi } from '@conversations/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { InboxList } from './inbox-lists';

/**
 * One tab's list, paged by cursor (F4): the rows of the loaded pages, each once. While a new search loads,
 * the previous rows stay on screen.
 */
export function usePagedList<T extends { id: string }, F>({
  list,
  filter,
  enabled = true,
}: {
  list: InboxList<T, F>;
  filter: F;
  enabled?: boolean;
}) {
  const api = useApi();
  const query = useInfiniteQuery({
    queryKey: list.key(filter),
    queryFn: ({ pageParam, signal }) => list.load(api, filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
    enabled,
  });
  return { query, items: mergePages(query.data?.pages) };
}
