import { useSyncExternalStore } from 'react';

/** Three panels side by side from this width; one at a time below it (F34). */
export const WIDE_LAYOUT_QUERY = '(min-width: 1024px)';

export function useWideLayout(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE_LAYOUT_QUERY);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(WIDE_LAYOUT_QUERY).matches,
  );
}

/** The window's width, for the panels' default widths and limits; follows resizes. */
export function useViewportWidth(): number {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('resize', onChange);
      return () => window.removeEventListener('resize', onChange);
    },
    () => window.innerWidth,
  );
}

export type PanelView = 'inbox' | 'conversation' | 'contact-details';
