import type { DomainEvent } from '@conversations/contracts';
import { useEffect, useEffectEvent } from 'react';
import { useApi } from './panel-root';

/** Calls `onEvent` for each live domain event of the signed-in tenant (F11); one SSE connection per page. */
export function useLiveEvents(onEvent: (event: DomainEvent) => void): void {
  const api = useApi();
  // The latest handler sees the latest props, without a new subscription each render.
  const handle = useEffectEvent(onEvent);
  useEffect(() => api.subscribe((event) => handle(event)), [api]);
}

/** The contact an event is about, when it is about one. */
export function contactIdOf(event: DomainEvent): string | undefined {
  const data = event.data as { contactId?: unknown } | null;
  return typeof data?.contactId === 'string' ? data.contactId : undefined;
}
