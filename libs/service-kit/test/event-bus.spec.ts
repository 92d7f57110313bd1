import { type DomainEvent, EVENTS_STREAM } from '@conversations/contracts';
import { nanos } from 'nats';
import { EventBus, newEvent } from '../src/event-bus';
import { createLogger } from '../src/logging';
import { testDevstack } from './devstack';

describe('EventBus.consume: an existing durable consumer', () => {
  const { natsUrl, unique } = testDevstack();
  const tenantId = unique('tenant');
  const durables: string[] = [];
  let bus: EventBus;

  beforeAll(async () => {
    bus = await EventBus.connect(natsUrl, 'event-bus-spec', createLogger('event-bus-spec', 'warn'));
  });

  afterAll(async () => {
    for (const durable of durables) await bus.manager.consumers.delete(EVENTS_STREAM, durable).catch(() => undefined);
    await bus.close();
  });

  const newDurable = () => {
    durables.push(unique('event-bus-spec'));
    return durables.at(-1)!;
  };
  const configOf = async (durable: string) => (await bus.manager.consumers.info(EVENTS_STREAM, durable)).config;
  const ignore = async () => undefined;

  it('is brought up to the ack wait it is consumed with, and still delivers', async () => {
    const durable = newDurable();
    const filter = `evt.contacts.updated.${tenantId}`;
    await (await bus.consume(durable, filter, ignore, { ackWaitMs: 5_000 })).stop();
    expect(await configOf(durable)).toMatchObject({ ack_wait: nanos(5_000), filter_subject: filter });

    const received: DomainEvent[] = [];
    const consumer = await bus.consume(durable, filter, async (event) => void received.push(event), { ackWaitMs: 12_000 });
    try {
      expect(await configOf(durable)).toMatchObject({ ack_wait: nanos(12_000), filter_subject: filter, max_deliver: 20 });
      const event = newEvent('evt.contacts.updated', tenantId, { system: 'test' }, {});
      await bus.publish(event);
      for (const deadline = Date.now() + 10_000; !received.length && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(received.map(({ id }) => id)).toEqual([event.id]);
    } finally {
      await consumer.stop();
    }
  });

  it('takes a new filter where NATS can change it in place, and is refused loudly where it cannot (2.9)', async () => {
    const durable = newDurable();
    await (await bus.consume(durable, `evt.contacts.created.${tenantId}`, ignore)).stop();
    const [major, minor] = bus.connection.info!.version.split('.').map(Number);
    const consuming = bus.consume(durable, `evt.contacts.deleted.${tenantId}`, ignore);
    if (major > 2 || minor >= 10) {
      await (await consuming).stop();
      expect(await configOf(durable)).toMatchObject({ filter_subject: `evt.contacts.deleted.${tenantId}` });
    } else {
      await expect(consuming).rejects.toThrow(/cannot change a filter in place/);
      expect(await configOf(durable)).toMatchObject({ filter_subject: `evt.contacts.created.${tenantId}` });
    }
  });
});
