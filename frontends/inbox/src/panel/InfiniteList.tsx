import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface InfiniteListProps<T> {
  items: T[];
  rowHeight: number;
  renderRow: (item: T) => ReactNode;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Only the active tab loads more (F10). */
  active: boolean;
  label: string;
}

/**
 * A virtualised list (thousands of rows stay smooth) that asks for the next cursor page when the last rows
 * come into view (F4). Rows have a fixed height, so nothing shifts while pages arrive.
 */
export function InfiniteList<T>({
  items,
  rowHeight,
  renderRow,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  active,
  label,
}: InfiniteListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = items.length + (hasNextPage ? 1 : 0);
  // The virtualizer hands back new functions each render, so the React Compiler would not memoise this
  // component; nothing here is compiled or memoised, so nothing goes stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  useEffect(() => {
    if (active && hasNextPage && !isFetchingNextPage && lastIndex >= items.length - 3) fetchNextPage();
  }, [active, hasNextPage, isFetchingNextPage, lastIndex, items.length, fetchNextPage]);

  return (
    <div ref={scrollRef} className="cv-scroll" role="list" aria-label={label} data-testid="inbox-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((row) => (
          <div
            key={row.key}
            role="listitem"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${row.start}px)` }}
          >
            {row.index < items.length ? (
              renderRow(items[row.index])
            ) : (
              <div className="inbox-loading-row" aria-live="polite">
                Loading more…
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
