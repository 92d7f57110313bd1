import { EVENTS_STREAM, eventSubject } from '@conversations/contracts';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Connection, createConnection, Types } from 'mongoose';
import { newEvent } from '../src/event-bus';
import { isDuplicateKey } from '../src/duplicate-key';
import { testDevstack } from './devstack';
import { COUNTED, type Counter, counterStore, increment } from './fixtures/counter';

const WORKSPACE_ROOT = join(__dirname, '../../..');
const DB_NAME = 'service_kit_versioned_store';

/** Runs fixtures/increment-writer.ts as a separate process (its own connections, like another replica). */
function writerProcess(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'fixtures/increment-writer.ts')], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...env, DB_NAME, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}: ${stderr}`))));
  });
}

describe('VersionedStore (real devstack store and NATS)', () => {
  let connection: Connection;
  let fixture: Awaited<ReturnType<typeof counterStore>>;
  const devstack = testDevstack();
  const tenantId = () => devstack.unique('t');

  beforeAll(async () => {
    connection = await createConnection(devstack.mongoUrl, { dbName: DB_NAME }).asPromise();
    fixture = await counterStore(connection, devstack.natsUrl);
  });

  afterAll(async () => {
    await fixture.bus.close();
    await connection.close();
  });

  async function newCounter(tenant: string, extra: Partial<Counter> = {}): Promise<Types.ObjectId> {
    const _id = new Types.ObjectId();
    expect(await fixture.store.insert({ _id, tenantId: tenant, count: 0, ...extra }, [])).toBe(true);
    return _id;
  }

  /** How many events the stream holds on the tenant's subject of COUNTED. */
  async function eventsPublished(tenant: string): Promise<number> {
    const subject = eventSubject(COUNTED, tenant);
    const info = await fixture.bus.manager.streams.info(EVENTS_STREAM, { subjects_filter: subject });
    return (info.state.subjects as Record<string, number> | undefined)?.[subject] ?? 0;
  }

  it('loses no change when two processes change one document concurrently, and publishes each change once', async () => {
    const tenant = tenantId();
    const id = await newCounter(tenant);
    const perWriter = 15;
    const env = { TENANT_ID: tenant, COUNTER_ID: String(id), INCREMENTS: String(perWriter) };
    await Promise.all([writerProcess(env), writerProcess(env)]);
    const stored = await fixture.model.findOne({ _id: id, tenantId: tenant }).lean<Counter>();
    expect(stored).toMatchObject({ count: 2 * perWriter, version: 2 * perWriter, outbox: [] });
    expect(await eventsPublished(tenant)).toBe(2 * perWriter);
  });

  it('retries a change that lost the race on the document as the winner left it, and undoes the lost attempt', async () => {
    const tenant = tenantId();
    const id = await newCounter(tenant);
    const seen: number[] = [];
    const abandoned = jest.fn(async () => undefined);
    const result = await fixture.store.change(tenant, id, async (current) => {
      seen.push(current.count);
      // Another writer gets in between the read and the write, once.
      if (seen.length === 1) await increment(fixture.store, tenant, id, 'other');
      return {
        set: { count: current.count + 10 },
        events: (updated) => [newEvent(COUNTED, tenant, { system: 'test' }, { count: updated.count })],
        abandoned,
      };
    });
    expect(seen).toEqual([0, 1]);
    expect(abandoned).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ applied: true, current: { count: 1, version: 1 }, updated: { count: 11, version: 2 } });
    expect(await fixture.store.load(tenant, id)).toMatchObject({ count: 11, version: 2 });
    expect(await eventsPublished(tenant)).toBe(2);
  });

  it('writes nothing when the change computes nothing to do', async () => {
    const tenant = tenantId();
    const id = await newCounter(tenant);
    const result = await fixture.store.change(tenant, id, () => null);
    expect(result).toMatchObject({ applied: false, events: [] });
    expect(await fixture.store.load(tenant, id)).toMatchObject({ count: 0, version: 0 });
  });

  it('changes a document stored before it had a version (it counts as version 0)', async () => {
    const tenant = tenantId();
    const _id = new Types.ObjectId();
    await fixture.model.collection.insertOne({ _id, tenantId: tenant, count: 5, outbox: [] });
    await increment(fixture.store, tenant, _id, 'test');
    expect(await fixture.store.load(tenant, _id)).toMatchObject({ count: 6, version: 1 });
  });

  it("never reads or changes another tenant's document, and names a malformed id as not found", async () => {
    const owner = tenantId();
    const id = await newCounter(owner);
    await expect(fixture.store.load(tenantId(), id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(increment(fixture.store, tenantId(), id, 'intruder')).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(fixture.store.load(owner, 'not-an-id')).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect(await fixture.store.load(owner, id)).toMatchObject({ count: 0 });
  });

  it('answers false for an insert whose _id exists, keeping the stored document', async () => {
    const tenant = tenantId();
    const id = await newCounter(tenant, { count: 3 });
    expect(await fixture.store.insert({ _id: id, tenantId: tenant, count: 99 }, [])).toBe(false);
    expect(await fixture.store.load(tenant, id)).toMatchObject({ count: 3 });
  });

  it('gives up with the busy error when others keep winning', async () => {
    const tenant = tenantId();
    const id = await newCounter(tenant);
    const impatient = await counterStore(connection, devstack.natsUrl, 3);
    const error = await impatient.store
      .change(tenant, id, async (current) => {
        await fixture.model.updateOne({ _id: id }, { $inc: { version: 1 } });
        return { set: { count: current.count + 1 }, events: () => [] };
      })
      .catch((caught: unknown) => caught);
    await impatient.bus.close();
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(isDuplicateKey(error)).toBe(false);
  });
});
