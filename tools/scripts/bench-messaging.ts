/**
 * `npm run bench:messaging`: the SMS pipeline measured end to end through the carrier simulator, on a
 * fresh temporary devstack (or MONGO_URL + NATS_URL when both are set):
 *  - sends accepted per second through the gateway (HTTP → NATS → messaging → store) at fixed concurrency,
 *    and the latency from accept to `delivered` arriving on the SSE stream (worker → Plivo SDK →
 *    simulator → signed delivery reports → webhook → messaging → JetStream → SSE), p50/p99;
 *  - inbound: simulator webhook → message-created on the SSE stream, p50/p99;
 *  - the same store's raw single-document insert rate and point-read latency at the same concurrency, and
 *    NATS's request/reply round trip, for the ratios the speed issue (#15 §3) sets as targets.
 * A measurement, never a pass/fail test. BENCH_SENDS, BENCH_INBOUND, BENCH_CONCURRENCY tune it.
 */
import { freePort, runSeed, spawnService, startInfrastructure, type ServiceProcess } from '@conversations/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import mongoose, { Types } from 'mongoose';
import { connect } from 'nats';
import { EVENTS_STREAM } from '@conversations/contracts';
import { devToken } from './bench-kit';

const SENDS = Number(process.env.BENCH_SENDS ?? 300);
const INBOUND = Number(process.env.BENCH_INBOUND ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CONTACTS = 20;
const FROM = '+14155550100';

interface Stats {
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const infrastructure = await startInfrastructure();
  const running: ServiceProcess[] = [];
  const [gatewayPort, simulatorPort] = [await freePort(), await freePort()];
  const token = randomBytes(16).toString('hex');
  const env = {
    MONGO_URL: infrastructure.mongoUrl,
    NATS_URL: infrastructure.natsUrl,
    NATS_NAMESPACE: `bench-${randomBytes(3).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    GATEWAY_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: '1000000',
    RPC_TIMEOUT_MS: '30000',
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    CARRIER: 'simulator',
    SIMULATOR_PORT: String(simulatorPort),
    SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
    PLIVO_AUTH_ID: 'MABENCH',
    PLIVO_AUTH_TOKEN: token,
    PUBLIC_WEBHOOK_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    INBOUND_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/api/v1/webhooks/plivo/inbound`,
    DELIVERY_DELAY_MS: process.env.BENCH_DELIVERY_DELAY_MS ?? '0',
    MONGO_DB: 'bench_contacts',
  };
  try {
    await runSeed('contacts', env);
    running.push(await spawnService('contacts', env));
    await runSeed('messaging', { ...env, MONGO_DB: 'bench_messaging', SEED_NUMBERS_ONLY: 'true' });
    running.push(await spawnService('carrier-simulator', env));
    running.push(await spawnService('messaging', { ...env, MONGO_DB: 'bench_messaging' }));
    running.push(await spawnService('gateway', env));
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const auth = { authorization: `Bearer ${await devToken(api, 'acme', 'u-ana')}`, 'content-type': 'application/json' };
    const contactIds: string[] = [];
    for (let index = 0; index < CONTACTS; index++) {
      const response = await fetch(`${api}/contacts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ firstName: `Bench${index}`, phone: `+1312555${String(2000 + index)}` }),
      });
      contactIds.push(((await response.json()) as { id: string }).id);
    }
    const stream = await EventStream.open(`${api}/events`, auth.authorization);

    // Outbound: accept rate, then accept → delivered over SSE.
    const acceptedAt = new Map<string, number>();
    const acceptLatencies: number[] = [];
    const started = performance.now();
    await pool(SENDS, CONCURRENCY, async (index) => {
      const at = performance.now();
      const response = await fetch(`${api}/contacts/${contactIds[index % CONTACTS]}/messages`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ channel: 'sms', from: FROM, body: `bench ${index}`, clientMessageId: randomUUID() }),
      });
      const body = (await response.json()) as { id: string };
      if (response.status !== 202) throw new Error(`send answered ${response.status}: ${JSON.stringify(body)}`);
      acceptedAt.set(body.id, at);
      acceptLatencies.push(performance.now() - at);
    });
    const acceptSeconds = (performance.now() - started) / 1000;
    const delivered = await stream.waitFor(
      (events) =>
        events.filter(
          (event) =>
            event.type === 'evt.messaging.message-status-changed' && event.status === 'delivered' && acceptedAt.has(event.messageId),
        ).length >= SENDS,
      300_000,
    );
    const endToEnd = delivered
      .filter(
        (event) => event.type === 'evt.messaging.message-status-changed' && event.status === 'delivered' && acceptedAt.has(event.messageId),
      )
      .map((event) => event.receivedAt - (acceptedAt.get(event.messageId) as number));
    const allDeliveredSeconds = (performance.now() - started) / 1000;

    // Inbound: webhook → message-created on the stream.
    const injectedAt = new Map<string, number>();
    await pool(INBOUND, Math.min(CONCURRENCY, 4), async (index) => {
      const text = `inbound ${index} ${randomUUID().slice(0, 8)}`;
      injectedAt.set(text, performance.now());
      await fetch(`http://127.0.0.1:${simulatorPort}/simulate/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: `+1312555${String(2000 + (index % CONTACTS))}`, to: FROM, text }),
      });
    });
    const inbound = (
      await stream.waitFor(
        (events) =>
          events.filter((event) => event.type === 'evt.messaging.message-created' && injectedAt.has(event.body)).length >= INBOUND,
        120_000,
      )
    )
      .filter((event) => event.type === 'evt.messaging.message-created' && injectedAt.has(event.body))
      .map((event) => event.receivedAt - (injectedAt.get(event.body) as number));
    stream.close();

    // The store alone: message-shaped single-document inserts at the same concurrency.
    const connection = await mongoose.createConnection(infrastructure.mongoUrl, { dbName: 'bench_raw' }).asPromise();
    const raw = connection.collection('messages');
    const rawStarted = performance.now();
    await pool(SENDS, CONCURRENCY, async (index) => {
      await raw.insertOne({
        _id: new Types.ObjectId(),
        tenantId: 'acme',
        contactId: new Types.ObjectId(),
        direction: 'outbound',
        channel: 'sms',
        from: FROM,
        to: '+13125552000',
        body: `raw ${index}`,
        status: 'queued',
        statusTrail: [],
        createdAt: new Date(),
        updatedAt: new Date(),
        outbox: [],
      } as never);
    });
    const rawRate = SENDS / ((performance.now() - rawStarted) / 1000);
    // A point read (by _id) of one of those documents: the floor of any accept, which reads before it writes.
    const stored = await raw
      .find({}, { projection: { _id: 1 } })
      .limit(CONCURRENCY)
      .toArray();
    const pointReads: number[] = [];
    await pool(SENDS, CONCURRENCY, async (index) => {
      const at = performance.now();
      await raw.findOne({ _id: stored[index % stored.length]._id });
      pointReads.push(performance.now() - at);
    });
    await connection.dropDatabase();
    await connection.close();

    const echo = await natsEcho(infrastructure.natsUrl, INBOUND);

    const acceptRate = SENDS / acceptSeconds;
    const accept = stats(acceptLatencies);
    const inboundStats = stats(inbound);
    const lines = [
      '',
      `messaging through the carrier simulator — ${SENDS} sends, ${INBOUND} inbound, concurrency ${CONCURRENCY}, delivery delay ${env.DELIVERY_DELAY_MS} ms`,
      `  sends accepted            ${acceptRate.toFixed(1)}/s   (accept latency p50 ${fmt(accept.p50)} ms, p99 ${fmt(accept.p99)} ms)`,
      `  accept → delivered (SSE)  p50 ${fmt(stats(endToEnd).p50)} ms, p99 ${fmt(stats(endToEnd).p99)} ms   (all ${SENDS} delivered after ${allDeliveredSeconds.toFixed(1)} s: ${(SENDS / allDeliveredSeconds).toFixed(1)}/s)`,
      `  inbound webhook → SSE     p50 ${fmt(inboundStats.p50)} ms, p99 ${fmt(inboundStats.p99)} ms`,
      `  raw store inserts         ${rawRate.toFixed(1)}/s; raw point read p50 ${ms(stats(pointReads).p50)} ms`,
      `  NATS request/reply echo   p50 ${ms(echo.p50)} ms, p99 ${ms(echo.p99)} ms`,
      '',
      'ratios (targets of #15 §3)',
      `  sends accepted / raw inserts          ${(acceptRate / rawRate).toFixed(3)}   (target ≥ 0.25)`,
      `  accept p50 / raw point read p50       ${(accept.p50 / stats(pointReads).p50).toFixed(1)}×   (target ≤ 10)`,
      `  accept → delivered p50                ${fmt(stats(endToEnd).p50)} ms   (target ≤ 1000 ms at delivery delay 0)`,
      `  inbound → SSE p99 / NATS echo p99     ${(inboundStats.p99 / echo.p99).toFixed(1)}×   (target ≤ 50)`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await Promise.all(running.map((service) => service.stop()));
    await deleteDurableConsumers(infrastructure.natsUrl, env.NATS_NAMESPACE);
    await infrastructure.stop();
  }
}

/** The services' durable consumers outlive them by design; the bench's namespace leaves none behind on a shared NATS. */
async function deleteDurableConsumers(natsUrl: string, namespace: string): Promise<void> {
  const nats = await connect({ servers: natsUrl.split(',') });
  const manager = await nats.jetstreamManager();
  const names: string[] = [];
  for await (const consumer of manager.consumers.list(EVENTS_STREAM))
    if (consumer.name.startsWith(`${namespace}-`)) names.push(consumer.name);
  for (const name of names) await manager.consumers.delete(EVENTS_STREAM, name).catch(() => undefined);
  await nats.close();
}

/** Round trips of an empty request to a responder in this process: the bus's own latency, for the ratio. */
async function natsEcho(natsUrl: string, count: number): Promise<Stats> {
  const nats = await connect({ servers: natsUrl.split(',') });
  const subject = `bench.echo.${randomUUID()}`;
  const responder = nats.subscribe(subject, { callback: (_error, message) => message.respond(message.data) });
  const latencies: number[] = [];
  for (let index = 0; index < count; index++) {
    const at = performance.now();
    await nats.request(subject, new Uint8Array(0), { timeout: 5_000 });
    latencies.push(performance.now() - at);
  }
  responder.unsubscribe();
  await nats.close();
  return stats(latencies);
}

/** `count` jobs, `concurrency` at a time. */
async function pool(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) await job(index);
    }),
  );
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

interface StreamEvent {
  type: string;
  messageId: string;
  status: string;
  body: string;
  receivedAt: number;
}

/** A minimal SSE reader (what EventSource does), keeping what the bench matches on. */
class EventStream {
  readonly events: StreamEvent[] = [];
  private buffer = '';

  private constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  static open(url: string, authorization: string): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      get(url, { headers: { accept: 'text/event-stream', authorization } }, (response) => resolve(new EventStream(response))).on(
        'error',
        reject,
      );
    });
  }

  async waitFor(done: (events: StreamEvent[]) => boolean, timeoutMs: number): Promise<StreamEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for events on the stream');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.events;
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    const receivedAt = performance.now();
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      const event = JSON.parse(data.slice(6)) as { type: string; data: { messageId?: string; message?: { status: string; body: string } } };
      this.events.push({
        type: event.type,
        messageId: event.data.messageId ?? '',
        status: event.data.message?.status ?? '',
        body: event.data.message?.body ?? '',
        receivedAt,
      });
    }
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
