import type { AnyDomainEvent } from '@conversations/contracts';
import { useEffect, useRef } from 'react';
import { useApi } from './panel-root';

/** Calls `onEvent` for each live domain event of the signed-in tenant (F11); one SSE connection per page. */
export function useLiveEvents(onEvent: (event: AnyDomainEvent) => void): void {
  const api = useApi();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => api.subscribe((event) => latest.current(event)), [api]);
}

/** The contact an event is about, when it is about one. */
export function contactIdOf(event: AnyDomainEvent): string | undefined {
  const data: AnyDomainEvent['data'] | null = event.data;
  return data && 'contactId' in data && typeof data.contactId === 'string' ? data.contactId : undefined;
}
