import { ApiError, messageOf } from '@conversations/api-client';
import { useEffect, useEffectEvent, useId, useState, type ReactNode } from 'react';
import { Icon } from './icons';

/** The first letter of the name in a small circle (F1, F12). */
export function Avatar({ name, size }: { name: string; size?: 'small' }) {
  const initial = (name.trim()[0] ?? '?').toLocaleUpperCase();
  return (
    <span className={size === 'small' ? 'cv-avatar cv-avatar--small' : 'cv-avatar'} aria-hidden="true">
      {initial}
    </span>
  );
}

/** A collapsible section of the details panel. */
export function Section({
  title,
  children,
  defaultOpen = true,
  testId,
}: {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  return (
    <section className="cv-section" data-testid={testId}>
      <h3 style={{ margin: 0, fontSize: 'inherit' }}>
        <button type="button" className="cv-section-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {title}
          <Icon name="chevron-down" />
        </button>
      </h3>
      <div id={bodyId} className="cv-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'warning' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`cv-notice cv-notice--${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** What a panel or section shows when its back end is not deployed or not answering. Never fake data. */
export function Unavailable({ what, detail, onRetry }: { what: string; detail?: string; onRetry?: () => void }) {
  return (
    <div className="cv-empty" data-testid="unavailable">
      <Icon name="cloud-off" size={28} />
      <strong>{what} unavailable</strong>
      <span>{detail ?? 'This part of Conversations is not available right now. Try again later.'}</span>
      {onRetry ? (
        <button type="button" className="cv-button cv-button--small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** What QueryError needs of a failed query (a `useQuery` or `useInfiniteQuery` result). */
export interface FailedQuery {
  error: unknown;
  errorUpdatedAt: number;
  refetch: () => unknown;
  isFetchNextPageError?: boolean;
  fetchNextPage?: () => unknown;
}

/**
 * A failed query in words with a Retry, so no panel or section is left blank (F37). Retry asks again for
 * what failed: the next page of a list whose next page failed, else the query. A rate-limited answer (a 429
 * whose Retry-After was too long for the API client to wait out) counts its wait down and asks again by
 * itself when the wait ends; the query client never retries a 429 on its own.
 */
export function QueryError({ query, children }: { query: FailedQuery; children?: ReactNode }) {
  const { error } = query;
  const retry = () => void (query.isFetchNextPageError && query.fetchNextPage ? query.fetchNextPage() : query.refetch());
  const wait = error instanceof ApiError && error.status === 429 ? error.retryAfterSeconds : undefined;
  const secondsLeft = useSecondsUntil(wait === undefined ? undefined : query.errorUpdatedAt + wait * 1_000, retry);
  const message =
    secondsLeft === undefined
      ? (children ?? messageOf(error))
      : secondsLeft > 0
        ? `Too many requests — trying again in ${secondsLeft} s`
        : 'Too many requests — trying again…';
  return (
    <Notice kind="error">
      <span className="cv-notice-text">{message}</span>
      <button type="button" className="cv-button cv-button--small" onClick={retry}>
        Retry
      </button>
    </Notice>
  );
}

/** Whole seconds until `deadline`, ticking each second (undefined without one); `onDeadline` runs when it comes. */
function useSecondsUntil(deadline: number | undefined, onDeadline: () => void): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  const reached = useEffectEvent(onDeadline);
  useEffect(() => {
    if (deadline === undefined) return;
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const end = setTimeout(() => reached(), Math.max(0, deadline - Date.now()));
    return () => {
      clearInterval(tick);
      clearTimeout(end);
    };
  }, [deadline]);
  return deadline === undefined ? undefined : Math.max(0, Math.ceil((deadline - now) / 1_000));
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="cv-empty">
      <strong>{title}</strong>
      {children ? <span>{children}</span> : null}
    </div>
  );
}

/** Placeholder rows of a fixed height, so nothing shifts when the data arrives. */
export function SkeletonRows({ count = 6, height = 56 }: { count?: number; height?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} style={{ height, display: 'flex', alignItems: 'center', gap: 12, padding: '0 16px' }}>
          <span className="cv-skeleton" style={{ width: 36, height: 36, borderRadius: '50%' }} />
          <span style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 6 }}>
            <span className="cv-skeleton" style={{ width: '60%', height: 10 }} />
            <span className="cv-skeleton" style={{ width: '40%', height: 10 }} />
          </span>
        </div>
      ))}
    </div>
  );
}

export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="cv-field">
      <span>{label}</span>
      {children}
      {error ? <small className="cv-field-error">{error}</small> : null}
    </label>
  );
}
