/**
 * `npm run bench:timeline`: one contact's merged timeline (F14) with 10k messages and 2k calls, measured
 * through the gateway (HTTP → NATS → messaging and calls in parallel → store, merged in the gateway) and
 * as the two raw store queries it merges, issued directly with mongoose. Cases: the first page and a page
 * 50 deep. Prints p50/p99 and the ratio gateway/raw from one run. A measurement, never a pass/fail test;
 * it does check that the deep page is exactly the items the merged order puts there.
 *
 * Then (#15 §4) a contact with 200 messages + 50 calls while its tenant's other messages grow from 1k to
 * 100k (BENCH_GROWTH): its timeline, its two raw queries and a send, with the ratios 100k/1k.
 *
 * Runs on a fresh, temporary devstack. BENCH_MESSAGES, BENCH_CALLS, BENCH_REQUESTS, BENCH_CONCURRENCY tune it.
 */
import { teamMemberKey } from '@conversations/contracts';
import { encodeCursor, afterCursorFilter } from '@conversations/service-kit';
import { freePort, spawnService, startInfrastructure, type ServiceProcess } from '@conversations/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Model, Types } from 'mongoose';
import { callSchema } from '@conversations/calls/src/calls/call.schema';
import { messageSchema } from '@conversations/messaging/src/messages/message.schema';
import { atConcurrency, devToken, type Figures } from './bench-kit';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const PAGE_SIZE = 30;
const STATISTICS_SETTLE_MS = 15_000;
const DEEP_PAGES = 50;
const TENANT = 'bench-timeline';
const USER = 'u-bench-timeline';
const OUR_NUMBER = '+14155550100';

type Row = { _id: Types.ObjectId; at: Date };

async function main(): Promise<void> {
  process.env.GOMEMLIMIT ??= '4GiB';
  const infrastructure = await startInfrastructure();
  const running: ServiceProcess[] = [];
  const suffix = randomBytes(3).toString('hex');
  const databases = {
    contacts: `bench_tl_contacts_${suffix}`,
    messaging: `bench_tl_messaging_${suffix}`,
    calls: `bench_tl_calls_${suffix}`,
  };
  const connection = await mongoose.createConnection(infrastructure.mongoUrl, { dbName: databases.contacts }).asPromise();
  try {
    const messages = connection.useDb(databases.messaging).model('Message', messageSchema) as unknown as Model<Record<string, unknown>>;
    const calls = connection.useDb(databases.calls).model('Call', callSchema) as unknown as Model<Record<string, unknown>>;
    await Promise.all([messages.createIndexes(), calls.createIndexes()]);
    const gatewayPort = String(await freePort());
    const env = {
      MONGO_URL: infrastructure.mongoUrl,
      NATS_URL: infrastructure.natsUrl,
      NATS_NAMESPACE: `bench-${suffix}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      GATEWAY_PORT: gatewayPort,
      RATE_LIMIT_PER_MINUTE: '1000000',
      RPC_TIMEOUT_MS: '60000',
      SEND_WORKER: 'off',
      // spawnService waits for each service's "ready" line, logged at info.
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    };
    running.push(
      await spawnService('contacts', { ...env, MONGO_DB: databases.contacts }),
      await spawnService('messaging', { ...env, MONGO_DB: databases.messaging }),
      await spawnService('calls', { ...env, MONGO_DB: databases.calls }),
      await spawnService('gateway', env),
    );
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    await connection.collection('team_members').insertOne({
      _id: teamMemberKey(TENANT, USER) as never,
      tenantId: TENANT,
      userId: USER,
      name: 'Bench User',
      email: 'bench@example.test',
      phone: '+14155550111',
      timeZone: 'UTC',
      role: 'admin',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const token = await devToken(api, TENANT, USER);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${api}/contacts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ firstName: 'Timeline', lastName: 'Bench', phone: '+13125550123' }),
    });
    if (created.status !== 201) throw new Error(`creating the contact: ${created.status} ${await created.text()}`);
    const contactId = new Types.ObjectId(((await created.json()) as { id: string }).id);

    const seeding = performance.now();
    const rows = await seed({ messages, calls }, { tenantId: TENANT, userId: USER, contactId, messageCount: MESSAGES, callCount: CALLS });
    console.log(
      `seeded ${MESSAGES.toLocaleString('en')} messages + ${CALLS.toLocaleString('en')} calls for one contact in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    // The merged order, computed here from the seeded rows: the deep cursor and the page it must return.
    rows.sort((a, b) => b.at.getTime() - a.at.getTime() || (String(a._id) < String(b._id) ? 1 : -1));
    const deepLast = rows[DEEP_PAGES * PAGE_SIZE - 1];
    const deepCursor = encodeCursor({ sortValue: deepLast.at, id: deepLast._id });
    const expected = rows.slice(DEEP_PAGES * PAGE_SIZE, (DEEP_PAGES + 1) * PAGE_SIZE).map((row) => String(row._id));
    const timeline = (before?: string) =>
      `${api}/contacts/${contactId}/timeline?limit=${PAGE_SIZE}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    const deepPage = (await (await fetch(timeline(deepCursor), { headers: auth })).json()) as { items: { id: string }[] };
    if (JSON.stringify(deepPage.items.map((item) => item.id)) !== JSON.stringify(expected))
      throw new Error('the deep page is not the items the merged order puts there');

    const gateway = async (url: string) => {
      const response = await fetch(url, { headers: auth });
      if (response.status !== 200) throw new Error(`timeline: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const stores = { messages, calls };
    const rawMessages = (cursor?: string) => () => rawMessagePage(stores, TENANT, contactId, cursor);
    const rawCalls = (cursor?: string) => () => rawCallPage(stores, TENANT, contactId, cursor);

    console.log(`\nconcurrency ${CONCURRENCY}; ${REQUESTS} requests per case; page size ${PAGE_SIZE}; latencies in ms`);
    console.log(
      `${'case'.padEnd(18)} | ${'gw p50'.padStart(9)} ${'gw p99'.padStart(9)} | ${'msgs p50'.padStart(9)} ${'calls p50'.padStart(9)} ${'both p50'.padStart(9)} ${'both p99'.padStart(9)} | gw/both p50`,
    );
    for (const [name, cursor] of [
      ['first page', undefined],
      [`page ${DEEP_PAGES} deep`, deepCursor],
    ] as const) {
      const figures: Record<string, Figures> = {
        gateway: await atConcurrency(() => gateway(timeline(cursor)), REQUESTS, CONCURRENCY),
        messages: await atConcurrency(rawMessages(cursor), REQUESTS, CONCURRENCY),
        calls: await atConcurrency(rawCalls(cursor), REQUESTS, CONCURRENCY),
        both: await atConcurrency(() => Promise.all([rawMessages(cursor)(), rawCalls(cursor)()]), REQUESTS, CONCURRENCY),
      };
      const ms = (value: number) => value.toFixed(1).padStart(9);
      console.log(
        `${name.padEnd(18)} | ${ms(figures.gateway.p50)} ${ms(figures.gateway.p99)} | ${ms(figures.messages.p50)} ${ms(figures.calls.p50)} ${ms(figures.both.p50)} ${ms(figures.both.p99)} | ${(figures.gateway.p50 / figures.both.p50).toFixed(2)}x`,
      );
    }
    await perContactAsTenantGrows(api, { contacts: connection, messaging: connection.useDb(databases.messaging) }, stores);
  } finally {
    await Promise.all(running.map((service) => service.stop()));
    for (const name of Object.values(databases))
      await connection
        .useDb(name)
        .dropDatabase()
        .catch(() => undefined);
    await connection.close();
    await infrastructure.stop();
  }
}

function rawMessagePage({ messages }: Stores, tenantId: string, contactId: Types.ObjectId, cursor?: string) {
  return messages
    .find({ tenantId, contactId, ...afterCursorFilter('createdAt', cursor) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(PAGE_SIZE + 1)
    .lean()
    .exec();
}

function rawCallPage({ calls }: Stores, tenantId: string, contactId: Types.ObjectId, cursor?: string) {
  return calls
    .find({ tenantId, contactId, ...afterCursorFilter('startedAt', cursor) })
    .sort({ startedAt: -1, _id: -1 })
    .limit(PAGE_SIZE + 1)
    .lean()
    .exec();
}

/**
 * #15 §4: one contact with 200 messages + 50 calls in a tenant of its own, measured while the tenant's
 * other messages grow (BENCH_GROWTH, default 1k then 100k, spread over 100 other contacts): its first
 * timeline page through the gateway, the two raw per-contact queries, and a send accepted. A per-contact
 * view should cost what the contact holds, not what the tenant holds: ratios last/first near 1.
 */
async function perContactAsTenantGrows(
  api: string,
  databases: { contacts: mongoose.Connection; messaging: mongoose.Connection },
  stores: Stores,
): Promise<void> {
  const tenantId = 'bench-growth';
  const userId = 'u-bench-growth';
  const from = '+14155550188';
  const sizes = (process.env.BENCH_GROWTH ?? '1000,100000').split(',').map(Number);
  await stores.messages.db
    .useDb(stores.messages.db.name.replace('messaging', 'contacts'))
    .collection('team_members')
    .insertOne({
      _id: teamMemberKey(tenantId, userId) as never,
      tenantId,
      userId,
      name: 'Growth Bench',
      email: 'growth@example.test',
      phone: '+14155550112',
      timeZone: 'UTC',
      role: 'admin',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  await databases.messaging.collection('sender_numbers').insertOne({
    tenantId,
    number: from,
    label: 'Bench',
    capabilities: { sms: true, whatsapp: false, voice: true },
    createdAt: new Date(),
    outbox: [],
  });
  const auth = { authorization: `Bearer ${await devToken(api, tenantId, userId)}`, 'content-type': 'application/json' };
  const created = await fetch(`${api}/contacts`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ firstName: 'Growth', lastName: 'Bench', phone: '+13125550124' }),
  });
  if (created.status !== 201) throw new Error(`creating the growth contact: ${created.status} ${await created.text()}`);
  const contactId = new Types.ObjectId(((await created.json()) as { id: string }).id);
  await seed(stores, { tenantId, userId, contactId, messageCount: 200, callCount: 50 });
  const others = Array.from({ length: 100 }, () => new Types.ObjectId());

  const timeline = async () => {
    const response = await fetch(`${api}/contacts/${contactId}/timeline?limit=${PAGE_SIZE}`, { headers: auth });
    if (response.status !== 200) throw new Error(`timeline: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const send = async () => {
    const response = await fetch(`${api}/contacts/${contactId}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ channel: 'sms', from, body: 'growth bench', clientMessageId: randomUUID() }),
    });
    if (response.status !== 202) throw new Error(`send: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const results: { size: number; figures: Record<string, Figures> }[] = [];
  let seeded = 0;
  for (const size of sizes) {
    const started = performance.now();
    for (let index = 0; seeded < size; index++) {
      const count = Math.min(1000, size - seeded);
      await seed(
        { messages: stores.messages, calls: stores.calls },
        { tenantId, userId, contactId: others[index % others.length], messageCount: count, callCount: 0 },
      );
      seeded += count;
    }
    console.log(
      `\nthe growth tenant now holds ${seeded.toLocaleString('en')} other messages (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    // A store in use has planner statistics for what it holds; the devstack's PostgreSQL refreshes them every
    // 5 s. Timing the moment after a 100k-row load would time a plan made for the small table.
    await new Promise((resolve) => setTimeout(resolve, STATISTICS_SETTLE_MS));
    results.push({
      size,
      figures: {
        timeline: await atConcurrency(timeline, REQUESTS, CONCURRENCY),
        messages: await atConcurrency(() => rawMessagePage(stores, tenantId, contactId), REQUESTS, CONCURRENCY),
        calls: await atConcurrency(() => rawCallPage(stores, tenantId, contactId), REQUESTS, CONCURRENCY),
        send: await atConcurrency(send, REQUESTS, CONCURRENCY),
      },
    });
  }
  const cases = ['timeline', 'messages', 'calls', 'send'];
  const ms = (value: number) => value.toFixed(1).padStart(12);
  console.log(`\na contact with 200 messages + 50 calls; p50 in ms at concurrency ${CONCURRENCY}, ${REQUESTS} requests each`);
  console.log(
    `${'other messages'.padEnd(16)} | ${['timeline (gw)', 'raw messages', 'raw calls', 'send (gw)'].map((name) => name.padStart(12)).join(' ')}`,
  );
  for (const { size, figures } of results)
    console.log(`${size.toLocaleString('en').padEnd(16)} | ${cases.map((name) => ms(figures[name].p50)).join(' ')}`);
  const [first, last] = [results[0], results[results.length - 1]];
  console.log(
    `${`ratio ${last.size / 1000}k/${first.size / 1000}k`.padEnd(16)} | ${cases.map((name) => `${(last.figures[name].p50 / first.figures[name].p50).toFixed(2)}x`.padStart(12)).join(' ')}`,
  );
}

interface Stores {
  messages: Model<Record<string, unknown>>;
  calls: Model<Record<string, unknown>>;
}

/** Messages and calls of one contact spread over the last year, many sharing a second (ties broken by id, as in the API). */
async function seed(
  { messages, calls }: Stores,
  {
    tenantId,
    userId,
    contactId,
    messageCount,
    callCount,
  }: { tenantId: string; userId: string; contactId: Types.ObjectId; messageCount: number; callCount: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  const now = Date.now();
  const instant = () => new Date(Math.floor((now - Math.random() * 365 * 86_400_000) / 1000) * 1000);
  const contact = { fullName: 'Timeline Bench', phone: '+13125550123' };
  for (let done = 0; done < messageCount; done += 1000) {
    const batch = Array.from({ length: Math.min(1000, messageCount - done) }, (_, index) => {
      const _id = new Types.ObjectId();
      const at = instant();
      const inbound = (done + index) % 3 === 0;
      rows.push({ _id, at });
      return {
        _id,
        tenantId,
        contactId,
        direction: inbound ? 'inbound' : 'outbound',
        channel: 'sms',
        from: inbound ? contact.phone : OUR_NUMBER,
        to: inbound ? OUR_NUMBER : contact.phone,
        body: `Message ${done + index}`,
        segments: 1,
        status: inbound ? 'received' : 'delivered',
        statusTrail: [],
        failureReason: null,
        clientMessageId: `bench:${_id}`,
        clientSupplied: false,
        providerMessageId: null,
        previousProviderIds: [],
        sendRound: inbound ? 0 : 1,
        automated: false,
        silenced: false,
        sentBy: null,
        createdAt: at,
        updatedAt: at,
        version: 0,
        outbox: [],
      };
    });
    await messages.collection.insertMany(batch, { ordered: false });
  }
  for (let done = 0; done < callCount; done += 1000) {
    const batch = Array.from({ length: Math.min(1000, callCount - done) }, (_, index) => {
      const _id = new Types.ObjectId();
      const at = instant();
      const inbound = (done + index) % 2 === 0;
      rows.push({ _id, at });
      return {
        _id,
        tenantId,
        contactId,
        contact,
        searchKeys: ['timeline', 'bench'],
        phoneDigitsReversed: '3210555213',
        contactSyncedAt: at,
        listed: true,
        direction: inbound ? 'inbound' : 'outbound',
        from: inbound ? contact.phone : OUR_NUMBER,
        to: inbound ? OUR_NUMBER : contact.phone,
        status: 'completed',
        answered: true,
        durationSeconds: 60,
        recording: null,
        userId,
        agentPhone: null,
        outcomeReason: null,
        rejected: false,
        providerCallId: `bench-${_id}`,
        providerCallKey: `bench-${_id}`,
        carrierRequestId: null,
        contactLegCallId: null,
        startedAt: at,
        answeredAt: at,
        endedAt: at,
        createdAt: at,
        updatedAt: at,
        version: 0,
        outbox: [],
      };
    });
    await calls.collection.insertMany(batch, { ordered: false });
  }
  return rows;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
