import { DomainEvent, EVENTS_STREAM, tenantEventsFilter } from '@conversations/contracts';
import { DeliverPolicy, NatsConnection } from 'nats';

export interface EventWatch {
  /** Every event of the tenant stored since the watch began, in stream order (grows as they arrive). */
  events: DomainEvent[];
  stop: () => Promise<void>;
}

/** Collects a tenant's events from now on, straight from the JetStream stream (an ordered, ephemeral consumer). */
export async function watchTenantEvents(nats: NatsConnection, tenantId: string): Promise<EventWatch> {
  // A single string (filter_subject): the plural filter_subjects needs NATS ≥ 2.10.
  const consumer = await nats.jetstream().consumers.get(EVENTS_STREAM, { filterSubjects: tenantEventsFilter(tenantId), deliver_policy: DeliverPolicy.New });
  const messages = await consumer.consume();
  const events: DomainEvent[] = [];
  const loop = (async () => {
    for await (const message of messages) events.push(message.json<DomainEvent>());
  })();
  return {
    events,
    stop: async () => {
      await messages.close();
      await loop;
    },
  };
}

/** Polls `read` until `accept` holds or the time is up, and returns the last value read. */
export async function eventually<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
