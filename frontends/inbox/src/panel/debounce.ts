import { useEffect, useState } from 'react';

/** Search waits until typing stops (F2: "updates shortly after you stop typing"). */
export const SEARCH_DEBOUNCE_MS = 300;

/** Calls `fn` with the latest arguments once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

/** The search text the list queries with: the typed text, trimmed, once typing pauses. */
export function useDebouncedSearch(typed: string, ms = SEARCH_DEBOUNCE_MS): string {
  const [settled, setSettled] = useState(typed.trim());
  useEffect(() => {
    const update = debounce((value: string) => setSettled(value), ms);
    update(typed.trim());
    return update.cancel;
  }, [typed, ms]);
  return settled;
}
