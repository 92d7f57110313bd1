import type { DomainEvent } from '@conversations/contracts';
import { useEffect, useRef } from 'react';
import { useApi } from './panel-root';

/** Calls `onEvent` for each live domain event of the signed-in tenant (F11); one SSE connection per page. */
export function useLiveEvents(onEvent: (event: DomainEvent) => void): void {
  const api = useApi();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => api.subscribe((event) => latest.current(event)), [api]);
}

/** The contact an event is about, when it is about one. */
export function contactIdOf(event: DomainEvent): string | undefined {
  const data = event.data as { contactId?: unknown } | null;
  return typeof data?.contactId === 'string' ? data.contactId : undefined;
}
