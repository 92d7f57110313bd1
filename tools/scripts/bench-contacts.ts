/**
 * `npm run bench:contacts`: the contact list and search at 10k and 100k contacts in one tenant, measured
 * through the gateway (HTTP → NATS → contacts → store, autocannon at fixed concurrency) and as the same
 * store queries issued directly with mongoose, plus a bare NATS request/reply echo. Prints every figure
 * and the ratios gateway/raw and 100k/10k. A measurement, never a pass/fail test.
 *
 * Runs on a fresh, temporary devstack (or MONGO_URL + NATS_URL when both are set).
 */
import { escapeRegex, searchableText } from '@conversations/person-search';
import { afterCursorFilter, encodeCursor } from '@conversations/service-kit';
import { freePort, spawnService, startInfrastructure, type ServiceProcess } from '@conversations/testing';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import mongoose, { type Model, Types } from 'mongoose';
import { connect, type NatsConnection } from 'nats';
import { contactSchema } from '@conversations/contacts/src/contacts/contact.schema';
import { derivedFields } from '@conversations/contacts/src/contacts/contact.view';
import { teamMemberSchema } from '@conversations/contacts/src/team-members/team-member.schema';
import { atConcurrency, devToken, type Figures } from './bench-kit';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
/**
 * Requests per case: BENCH_REQUESTS at the smallest size, fewer at larger ones (at least 4) — on the
 * devstack, FerretDB v1 filters and sorts in memory, so one 100k-contact query takes seconds.
 */
const REQUESTS = new Map(
  SIZES.map((size) => [size, Math.max(4, Math.round((Number(process.env.BENCH_REQUESTS ?? 20) * SIZES[0]) / size))]),
);
const PAGE_SIZE = 25;
const DEEP_PAGES = 20;
const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'José',
  'Kai',
  'Lena',
  'Marco',
  'Nora',
  'Omar',
  'Priya',
];
const LAST_NAMES = ['Garcia', 'Smith', 'Núñez', "O'Brien", 'Müller', 'Chen', 'Okafor', 'Rossi', 'Kowalski', 'Dubois', 'Nakamura', 'Silva'];

type Case = 'list first page' | `list page ${typeof DEEP_PAGES} deep` | 'name prefix search' | 'phone search';
const CASES: Case[] = ['list first page', `list page ${DEEP_PAGES} deep`, 'name prefix search', 'phone search'];

async function main(): Promise<void> {
  // In-memory sorts of 100k documents: let the embedded store's Go GC work harder rather than grow.
  process.env.GOMEMLIMIT ??= '4GiB';
  const infrastructure = await startInfrastructure();
  const running: ServiceProcess[] = [];
  const connection = await mongoose.createConnection(infrastructure.mongoUrl, { dbName: 'bench_contacts' }).asPromise();
  try {
    const contacts = connection.model('Contact', contactSchema) as unknown as Model<Record<string, unknown>>;
    await contacts.createIndexes();
    const gatewayPort = String(await freePort());
    const env = {
      MONGO_URL: infrastructure.mongoUrl,
      NATS_URL: infrastructure.natsUrl,
      MONGO_DB: 'bench_contacts',
      NATS_NAMESPACE: `bench-${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      GATEWAY_PORT: gatewayPort,
      RATE_LIMIT_PER_MINUTE: '1000000',
      RPC_TIMEOUT_MS: '60000',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    };
    running.push(await spawnService('contacts', env), await spawnService('gateway', env));
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;

    const echo = await natsEcho(infrastructure.natsUrl);
    console.log(`NATS request/reply echo: p50 ${echo.p50.toFixed(3)} ms, p99 ${echo.p99.toFixed(3)} ms, ${Math.round(echo.rps)}/s`);
    printHeader();
    const results = new Map<string, Figures>();
    for (const size of SIZES) {
      const tenantId = `bench-${size}`;
      await connection.model('TeamMember', teamMemberSchema).collection.insertOne({
        _id: `u-bench-${size}` as never,
        tenantId,
        name: 'Bench User',
        email: 'bench@example.test',
        phone: null,
        timeZone: 'UTC',
        role: 'admin',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const { seconds, deepCursor } = await seedContacts(contacts, tenantId, size);
      console.log(`seeded ${size.toLocaleString('en')} contacts in ${seconds.toFixed(1)} s (${Math.round(size / seconds)}/s)`);
      const token = await devToken(api, tenantId, `u-bench-${size}`);
      await checkDeepCursor(api, token, deepCursor);
      const paths: Record<Case, string> = {
        'list first page': `/contacts?limit=${PAGE_SIZE}`,
        [`list page ${DEEP_PAGES} deep`]: `/contacts?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(deepCursor)}`,
        'name prefix search': `/contacts?limit=${PAGE_SIZE}&q=${encodeURIComponent('mar')}`,
        'phone search': `/contacts?limit=${PAGE_SIZE}&q=${encodeURIComponent(phoneOf(Math.floor(size / 2)).slice(-7))}`,
      } as Record<Case, string>;
      const rawQueries: Record<Case, () => Promise<unknown>> = {
        'list first page': () => listQuery(contacts, tenantId, []),
        [`list page ${DEEP_PAGES} deep`]: () => listQuery(contacts, tenantId, [afterCursorFilter('createdAt', deepCursor)]),
        'name prefix search': () => listQuery(contacts, tenantId, [{ searchKeys: { $regex: `^${escapeRegex(searchableText('mar'))}` } }]),
        'phone search': () =>
          listQuery(contacts, tenantId, [
            { phoneDigitsReversed: { $regex: `^${reversedDigits(phoneOf(Math.floor(size / 2)).slice(-7))}` } },
          ]),
      } as Record<Case, () => Promise<unknown>>;
      for (const name of CASES) {
        results.set(`${size}|gateway|${name}`, await throughGateway(`${api}${paths[name]}`, token, REQUESTS.get(size)!));
        results.set(`${size}|raw|${name}`, await atConcurrency(rawQueries[name], REQUESTS.get(size)!, CONCURRENCY));
        printRow(results, name, size);
      }
    }
  } finally {
    await Promise.all(running.map((service) => service.stop()));
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await infrastructure.stop();
  }
}

/**
 * Synthetic contacts written straight to the store in the service's own document shape. Returns the
 * cursor that follows page DEEP_PAGES, as the service would encode it (contact N-1 is the newest).
 */
async function seedContacts(
  contacts: Model<Record<string, unknown>>,
  tenantId: string,
  count: number,
): Promise<{ seconds: number; deepCursor: string }> {
  const started = performance.now();
  const deepIndex = count - DEEP_PAGES * PAGE_SIZE;
  let deepCursor = '';
  const base = Date.UTC(2025, 0, 1);
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let index = start; index < Math.min(count, start + 1000); index++) {
      const _id = new Types.ObjectId();
      const firstName = FIRST_NAMES[index % FIRST_NAMES.length] + (index % 7 === 0 ? 'ia' : '');
      const lastName = LAST_NAMES[(index * 7) % LAST_NAMES.length];
      const phone = phoneOf(index);
      const createdAt = new Date(base + index * 60_000);
      if (index === deepIndex) deepCursor = encodeCursor({ sortValue: createdAt, id: _id });
      batch.push({
        _id,
        tenantId,
        firstName,
        lastName,
        phone,
        phoneKey: phone,
        email: null,
        company: null,
        address: null,
        timeZone: null,
        dateOfBirth: null,
        source: 'bench',
        customFields: {},
        ...derivedFields(firstName, lastName, phone),
        tagIds: [],
        dispositionId: null,
        dnd: { all: false, email: false, sms: false, calls: false, inboundCallsAndSms: false },
        dndHistory: [],
        assignment: { type: 'unassigned', userId: null },
        deleted: false,
        deletedAt: null,
        createdAt,
        updatedAt: createdAt,
        version: 0,
        outbox: [],
      });
    }
    await contacts.collection.insertMany(batch, { ordered: false });
  }
  return { seconds: (performance.now() - started) / 1000, deepCursor };
}

/** The query ContactsService.list issues: tenant, not deleted, extra filters, newest first, limit + 1. */
function listQuery(contacts: Model<Record<string, unknown>>, tenantId: string, filters: Record<string, unknown>[]): Promise<unknown> {
  const all = [{ tenantId, deleted: false }, ...filters];
  return contacts
    .find(all.length === 1 ? all[0] : { tenantId, $and: all })
    .sort({ createdAt: -1, _id: -1 })
    .limit(PAGE_SIZE + 1)
    .lean()
    .exec();
}

function phoneOf(index: number): string {
  return `+1415${String(2_000_000 + index).padStart(7, '0')}`;
}

function reversedDigits(digits: string): string {
  return [...digits].reverse().join('');
}

/** The precomputed cursor must be the one the API itself hands out after the page before it. */
async function checkDeepCursor(api: string, token: string, deepCursor: string): Promise<void> {
  const page = async (cursor?: string) => {
    const response = await fetch(`${api}/contacts?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`list: ${response.status} ${await response.text()}`);
    return (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
  };
  const deep = await page(deepCursor);
  if (deep.items.length !== PAGE_SIZE) throw new Error(`page ${DEEP_PAGES + 1} has ${deep.items.length} items`);
}

async function throughGateway(url: string, token: string, requests: number): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONCURRENCY,
    amount: requests,
    timeout: 120,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function natsEcho(url: string): Promise<Figures> {
  const nats: NatsConnection = await connect({ servers: url.split(',') });
  const subject = `bench.echo.${randomBytes(4).toString('hex')}`;
  const subscription = nats.subscribe(subject, { callback: (_error, message) => message.respond(message.data) });
  const payload = new TextEncoder().encode(
    JSON.stringify({ ctx: { tenantId: 't', userId: 'u', requestId: 'r' }, data: { limit: PAGE_SIZE } }),
  );
  try {
    return await atConcurrency(() => nats.request(subject, payload, { timeout: 5_000 }), 5_000, CONCURRENCY);
  } finally {
    subscription.unsubscribe();
    await nats.close();
  }
}

const ms = (value: number) => value.toFixed(1).padStart(9);
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

function printHeader(): void {
  console.log(
    `\nconcurrency ${CONCURRENCY}; requests per case ${SIZES.map((size) => `${size / 1000}k: ${REQUESTS.get(size)}`).join(', ')}; page size ${PAGE_SIZE}; latencies in ms`,
  );
  console.log(
    `${'case'.padEnd(20)} ${'size'.padStart(5)} | ${'gw p50'.padStart(9)} ${'gw p99'.padStart(9)} ${'gw rps'.padStart(6)} | ${'raw p50'.padStart(9)} ${'raw p99'.padStart(9)} | gw/raw p50 | vs ${SIZES[0] / 1000}k: gw p50, raw p50`,
  );
}

function printRow(results: Map<string, Figures>, name: Case, size: number): void {
  const gateway = results.get(`${size}|gateway|${name}`)!;
  const raw = results.get(`${size}|raw|${name}`)!;
  const base =
    size === SIZES[0] ? null : { gateway: results.get(`${SIZES[0]}|gateway|${name}`)!, raw: results.get(`${SIZES[0]}|raw|${name}`)! };
  const failed = gateway.failed ? `  (${gateway.failed} gateway requests failed)` : '';
  console.log(
    `${name.padEnd(20)} ${`${size / 1000}k`.padStart(5)} | ${ms(gateway.p50)} ${ms(gateway.p99)} ${gateway.rps.toFixed(1).padStart(6)} | ${ms(raw.p50)} ${ms(raw.p99)} | ${ratio(gateway.p50, raw.p50).padStart(10)} | ` +
      (base ? `${ratio(gateway.p50, base.gateway.p50)}, ${ratio(raw.p50, base.raw.p50)}` : '') +
      failed,
  );
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
