import type { DomainEvent } from '@conversations/contracts';
import mongoose, { type Connection } from 'mongoose';
import { newEvent } from '../src/event-bus';
import { deleteOlderThan } from '../src/expiry-sweep';
import { createLogger } from '../src/logging';
import { ProcessedEvents, processedEventsRetentionMs } from '../src/processed-events';
import { testDevstack } from './devstack';

const HOUR = 3600_000;

describe('processed_events expiry (FerretDB refuses TTL indexes)', () => {
  const { mongoUrl, unique } = testDevstack();
  const tenantId = unique('tenant');
  let connection: Connection;
  let ledger: ProcessedEvents;

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUrl, { dbName: unique('processed_events_spec').replace(/-/g, '_') }).asPromise();
    ledger = new ProcessedEvents(connection);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const collection = () => connection.collection('processed_events');
  /** Records `event` as processed by `consumer` at `processedAt`. */
  const processedAt = async (consumer: string, event: DomainEvent, at: Date) => {
    await ledger.runOnce(consumer, event, async () => undefined);
    await collection().updateOne({ _id: `${consumer}:${event.id}` as never }, { $set: { processedAt: at } });
  };
  const event = () => newEvent('evt.contacts.updated', tenantId, { system: 'test' }, {});

  it('keeps entries well past the last redelivery JetStream can make: duplicate window plus max deliver × (ack wait + nak delay)', () => {
    expect(processedEventsRetentionMs()).toBe(5 * HOUR);
    expect(processedEventsRetentionMs(120_000)).toBe(10 * (10 * 60_000 + 20 * (120_000 + 30_000)));
  });

  it('deletes entries older than the retention and keeps recent ones, so an old event counts as new again', async () => {
    const now = new Date();
    const [old, recent] = [event(), event()];
    await processedAt('sweep-spec', old, new Date(now.getTime() - 6 * HOUR));
    await processedAt('sweep-spec', recent, new Date(now.getTime() - 4 * HOUR));

    expect(await ledger.deleteExpired(undefined, now)).toBe(1);
    await connection.models.ProcessedEvent.init();
    expect((await collection().indexes()).map(({ name }) => name)).toContain('processedAt_1');
    expect(await ledger.runOnce('sweep-spec', recent, async () => undefined)).toBe(false);
    expect(await ledger.runOnce('sweep-spec', old, async () => undefined)).toBe(true);
  });

  it('deletes in bounded batches, the rest on the next call', async () => {
    await collection().deleteMany({});
    const longAgo = new Date(Date.now() - 24 * HOUR);
    for (let index = 0; index < 5; index++) await processedAt('batch-spec', event(), longAgo);
    const cutoff = new Date(Date.now() - HOUR);
    const model = connection.models.ProcessedEvent;

    expect(await deleteOlderThan(model, 'processedAt', cutoff, { batchSize: 2, maxBatches: 2 })).toBe(4);
    expect(await deleteOlderThan(model, 'processedAt', cutoff, { batchSize: 2, maxBatches: 2 })).toBe(1);
    expect(await collection().countDocuments()).toBe(0);
  });

  it('sweeps on a timer until stopped', async () => {
    const sweep = ledger.startSweeping(createLogger('processed-events-spec', 'warn'), { intervalMs: 100 });
    const expired = event();
    await processedAt('timer-spec', expired, new Date(Date.now() - 24 * HOUR));
    for (let deadline = Date.now() + 10_000; (await collection().countDocuments({ eventId: expired.id })) && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await collection().countDocuments({ eventId: expired.id })).toBe(0);

    await sweep.stop();
    const afterStop = event();
    await processedAt('timer-spec', afterStop, new Date(Date.now() - 24 * HOUR));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await collection().countDocuments({ eventId: afterStop.id })).toBe(1);
  });
});
