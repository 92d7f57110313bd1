import type { AnyDomainEvent } from '@conversations/contracts';
import { useEffect, useEffectEvent } from 'react';
import { useApi } from './panel-root';

/** Calls `onEvent` for each live domain event of the signed-in tenant (F11); one SSE connection per page. */
export function useLiveEvents(onEvent: (event: AnyDomainEvent) => void): void {
  const api = useApi();
  // The latest handler sees the latest props, without a new subscription each render.
  const handle = useEffectEvent(onEvent);
  useEffect(() => api.subscribe((event) => handle(event)), [api]);
}

/** The contact an event is about, when it is about one. */
export function contactIdOf(event: AnyDomainEvent): string | undefined {
  const data: AnyDomainEvent['data'] | null = event.data;
  return data && 'contactId' in data && typeof data.contactId === 'string' ? data.contactId : undefined;
}
