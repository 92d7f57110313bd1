import { mergePages } from '@conversations/api-client';
import type { Page } from '@conversations/contracts';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

/**
 * One tab's list, paged by cursor (F4): the rows of the loaded pages, each once. While a new search loads,
 * the previous rows stay on screen.
 */
export function usePagedList<T extends { id: string }>({
  queryKey,
  load,
  enabled = true,
}: {
  queryKey: QueryKey;
  load: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;
  enabled?: boolean;
}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => load(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
    enabled,
  });
  return { query, items: mergePages(query.data?.pages) };
}
