import { PANEL_WIDTH_LIMITS, type ChosenWidths, type SidePanel } from './panel-widths';

/**
 * The widths a user chose, kept in localStorage under their tenant and user: two people signing in on one
 * browser each get their own layout back after a reload.
 */
const KEY_PREFIX = 'conversations.panel-widths';

export function panelWidthsKey(tenantId: string, userId: string): string {
  return `${KEY_PREFIX}:${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
}

/** The stored choice; a damaged or hand-edited record counts as no choice rather than a broken layout. */
export function loadChosenWidths(storage: Storage | null, key: string): ChosenWidths {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    return {};
  }
  if (!stored || typeof stored !== 'object') return {};
  const chosen: ChosenWidths = {};
  for (const panel of Object.keys(PANEL_WIDTH_LIMITS) as SidePanel[]) {
    const width = (stored as Record<string, unknown>)[panel];
    if (typeof width === 'number' && Number.isFinite(width)) chosen[panel] = width;
  }
  return chosen;
}

/** Nothing chosen removes the record. Storage full or blocked: the widths still apply until the reload. */
export function saveChosenWidths(storage: Storage | null, key: string, chosen: ChosenWidths): void {
  try {
    if (Object.keys(chosen).length) storage?.setItem(key, JSON.stringify(chosen));
    else storage?.removeItem(key);
  } catch {
    // A convenience, not data: the layout works without it.
  }
}
