import type { PanelProps } from '@conversations/panel-bus';
import { useCallback, useState } from 'react';

/**
 * Drafts (F37: nothing typed is lost): what a user typed for a contact and has not sent or saved yet, kept
 * in the browser's localStorage so it survives a contact switch and a reload. Each draft is one small JSON
 * record under a key of its owner (tenant + user), its kind (`composer`, `contact-info`) and the contact.
 */

/** A draft nobody touched for this long is dropped: by then it is noise, not work in progress. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1_000;
/** Bumped when a draft's shape changes; a record of another version is dropped rather than misread. */
const DRAFT_VERSION = 1;
const KEY_PREFIX = 'conversations.draft';

interface StoredDraft {
  v: number;
  savedAt: number;
  value: unknown;
}

/**
 * Whose drafts these are, so two people signing in on one browser never see each other's drafts: the
 * account and user the host names, else those of the token (claims `tid` and `sub`), else the API base
 * (an opaque token, or one asked for by `getToken`). The token itself is never written down.
 */
export function draftOwnerOf({
  apiBaseUrl,
  token,
  tenantId,
  userId,
}: Pick<PanelProps, 'apiBaseUrl' | 'token' | 'tenantId' | 'userId'>): string {
  if (tenantId && userId) return `${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
  try {
    const payload = (token ?? '').split('.')[1];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { tid?: unknown; sub?: unknown };
    if (typeof claims.tid === 'string' && typeof claims.sub === 'string')
      return `${encodeURIComponent(claims.tid)}:${encodeURIComponent(claims.sub)}`;
  } catch {
    // Not a readable JWT: fall back to the API base.
  }
  return `api:${encodeURIComponent(apiBaseUrl)}`;
}

export function draftKey(owner: string, kind: string, contactId: string): string {
  return `${KEY_PREFIX}:${owner}:${kind}:${encodeURIComponent(contactId)}`;
}

/**
 * The stored draft, or null when there is none, it is of another version, too old, or not what `parse`
 * accepts (a damaged or hand-edited record); such a record is removed.
 */
export function readDraft<T>(storage: Storage | null, key: string, parse: (value: unknown) => T | null, now = Date.now()): T | null {
  const text = attempt(() => storage?.getItem(key) ?? null);
  if (!text) return null;
  let value: T | null = null;
  try {
    const stored = JSON.parse(text) as StoredDraft;
    if (stored.v === DRAFT_VERSION && now - stored.savedAt <= DRAFT_MAX_AGE_MS) value = parse(stored.value);
  } catch {
    value = null;
  }
  if (value === null) removeDraft(storage, key);
  return value;
}

export function writeDraft(storage: Storage | null, key: string, value: unknown, now = Date.now()): void {
  const stored: StoredDraft = { v: DRAFT_VERSION, savedAt: now, value };
  attempt(() => storage?.setItem(key, JSON.stringify(stored)));
}

export function removeDraft(storage: Storage | null, key: string): void {
  attempt(() => storage?.removeItem(key));
}

/** Removes every draft of any owner that is too old or of another version, so storage does not grow forever. */
export function dropStaleDrafts(storage: Storage | null, now = Date.now()): void {
  const keys = attempt(() => Array.from({ length: storage?.length ?? 0 }, (_, index) => storage?.key(index) ?? '')) ?? [];
  for (const key of keys) if (key.startsWith(`${KEY_PREFIX}:`)) readDraft(storage, key, (value) => value ?? null, now);
}

/** Storage is a convenience: full, disabled (private mode, blocked cookies) or absent, the typing stays on screen. */
function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

function browserStorage(): Storage | null {
  return attempt(() => globalThis.localStorage) ?? null;
}

let staleDraftsDropped = false;

/**
 * One draft of `kind` for the contact, of the panel's signed-in user (pass `usePanelProps()`): `initial` is what was kept when the component mounted (read once;
 * panels remount per contact), `save(value)` keeps a new one (null removes it), `clearIf` removes the kept
 * one if it matches, e.g. once its message was accepted, even after the component is gone.
 */
export function useDraft<T>(
  owner: Pick<PanelProps, 'apiBaseUrl' | 'token' | 'tenantId' | 'userId'>,
  kind: string,
  contactId: string,
  parse: (value: unknown) => T | null,
) {
  const key = draftKey(draftOwnerOf(owner), kind, contactId);
  const [initial] = useState(() => {
    if (!staleDraftsDropped) {
      staleDraftsDropped = true;
      dropStaleDrafts(browserStorage());
    }
    return readDraft(browserStorage(), key, parse);
  });
  const save = useCallback(
    (value: T | null) => (value === null ? removeDraft(browserStorage(), key) : writeDraft(browserStorage(), key, value)),
    [key],
  );
  const clearIf = useCallback(
    (matches: (draft: T) => boolean) => {
      const kept = readDraft(browserStorage(), key, parse);
      if (kept !== null && matches(kept)) removeDraft(browserStorage(), key);
    },
    [key, parse],
  );
  return { initial, save, clearIf };
}
