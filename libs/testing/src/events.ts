import { type DomainEvent, EVENTS_STREAM, tenantEventsFilter } from '@conversations/contracts';
import { DeliverPolicy, type JetStreamManager, type NatsConnection } from 'nats';

export interface EventWatch {
  /** Every event of the tenant stored since the watch began, in stream order (grows as they arrive). */
  events: DomainEvent[];
  stop: () => Promise<void>;
}

/** Collects a tenant's events from now on, straight from the JetStream stream (an ordered, ephemeral consumer). */
export async function watchTenantEvents(nats: NatsConnection, tenantId: string): Promise<EventWatch> {
  // A single string (filter_subject): the plural filter_subjects needs NATS ≥ 2.10.
  const consumer = await nats
    .jetstream()
    .consumers.get(EVENTS_STREAM, { filterSubjects: tenantEventsFilter(tenantId), deliver_policy: DeliverPolicy.New });
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

/** Polls `read` (sync or async) every `intervalMs` until `accept` holds or the time is up; returns the last value read. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Durable consumers outlive their services by design; a test's namespace must leave none behind on a shared NATS. */
export async function deleteNamespaceConsumers(manager: JetStreamManager, namespace: string): Promise<void> {
  const names: string[] = [];
  // Other test files delete their consumers meanwhile: a page of the listing may then hold a null entry.
  for await (const consumer of manager.consumers.list(EVENTS_STREAM))
    if (consumer?.name?.startsWith(`${namespace}-`)) names.push(consumer.name);
  for (const name of names) await manager.consumers.delete(EVENTS_STREAM, name).catch(() => undefined);
}
