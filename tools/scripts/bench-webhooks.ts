/**
 * `npm run bench:webhooks`: domain events published to JetStream → the webhooks service (its own process)
 * → signed POSTs to a fast receiver on 127.0.0.1 (answers 200 at once, no verification work). Two cases:
 * a burst of BENCH_EVENTS events published as fast as JetStream takes them (deliveries/s, and the
 * event → delivery latency under that backlog), and BENCH_PACED events at BENCH_RATE per second (the
 * latency of a delivery with nothing queued ahead of it). "Event → delivery" is from the publish being
 * acknowledged by JetStream to the receiver reading the request. A measurement, never a pass/fail test;
 * it does check every event arrived. Runs on a fresh, temporary devstack. BENCH_ENDPOINT_CONCURRENCY and
 * BENCH_CONCURRENCY set the service's per-endpoint and per-replica limits (defaults: the service's own).
 */
import { type RequestContext, type WebhookEndpointWithSecret, WebhooksSubjects, eventSubject } from '@conversations/contracts';
import { NamespacedNatsClient } from '@conversations/service-kit';
import { spawnService, startInfrastructure, type ServiceProcess } from '@conversations/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { firstValueFrom } from 'rxjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const PACED = Number(process.env.BENCH_PACED ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const TENANT = 'bench-webhooks';

async function main(): Promise<void> {
  const infrastructure = await startInfrastructure();
  const running: ServiceProcess[] = [];
  const arrivals = new Map<string, number>();
  const receiver = createServer((request, response) => {
    const id = String(request.headers['webhook-id']);
    if (!arrivals.has(id)) arrivals.set(id, performance.now());
    request.resume();
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const suffix = randomBytes(3).toString('hex');
  const namespace = `bench-${suffix}`;
  const nats = await connect({ servers: infrastructure.natsUrl });
  const client = new NamespacedNatsClient({ servers: [infrastructure.natsUrl], namespace });
  try {
    const env: Record<string, string> = {
      MONGO_URL: infrastructure.mongoUrl,
      NATS_URL: infrastructure.natsUrl,
      NATS_NAMESPACE: namespace,
      MONGO_DB: `bench_webhooks_${suffix}`,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...(process.env.BENCH_ENDPOINT_CONCURRENCY ? { WEBHOOK_ENDPOINT_CONCURRENCY: process.env.BENCH_ENDPOINT_CONCURRENCY } : {}),
      ...(process.env.BENCH_CONCURRENCY ? { WEBHOOK_CONCURRENCY: process.env.BENCH_CONCURRENCY } : {}),
    };
    running.push(await spawnService('webhooks', env));
    await client.connect();
    const ctx: RequestContext = { tenantId: TENANT, userId: 'u-bench', requestId: randomUUID() };
    await firstValueFrom(client.send<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsCreate, { ctx, data: { url: receiverUrl } }));

    const jetstream = nats.jetstream();
    const published = new Map<string, number>();
    const publish = async (index: number) => {
      const event = {
        id: randomUUID(),
        type: 'evt.contacts.updated',
        tenantId: TENANT,
        occurredAt: new Date().toISOString(),
        actor: { userId: 'u-bench' },
        data: { contactId: `c-${index}`, changed: ['firstName'], after: { firstName: `Name ${index}` } },
      };
      await jetstream.publish(eventSubject(event.type, TENANT), new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
      published.set(event.id, performance.now());
      return event.id;
    };
    const waitForAll = async (ids: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (ids.some((id) => !arrivals.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const missing = ids.filter((id) => !arrivals.has(id)).length;
      if (missing) throw new Error(`${missing} of ${ids.length} events never arrived`);
    };
    const latencies = (ids: string[]) => {
      const sorted = ids.map((id) => arrivals.get(id)! - published.get(id)!).sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
      return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1] };
    };

    // Warm-up: connections, JIT, the consumer in place.
    await waitForAll(await Promise.all(Array.from({ length: 20 }, (_, index) => publish(index))), 30_000);

    const burstStart = performance.now();
    const burst: string[] = [];
    for (let index = 0; index < EVENTS; index++) burst.push(await publish(index));
    const publishSeconds = (performance.now() - burstStart) / 1000;
    await waitForAll(burst, 300_000);
    const lastArrival = Math.max(...burst.map((id) => arrivals.get(id)!));
    const burstSeconds = (lastArrival - burstStart) / 1000;
    const burstLatency = latencies(burst);

    const paced: string[] = [];
    for (let index = 0; index < PACED; index++) {
      paced.push(await publish(index));
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    await waitForAll(paced, 60_000);
    const pacedLatency = latencies(paced);

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      [
        '',
        `webhooks bench (devstack FerretDB/PostgreSQL, one endpoint, receiver on 127.0.0.1, defaults unless BENCH_* set)`,
        `burst: ${EVENTS} events published in ${publishSeconds.toFixed(2)} s; all delivered in ${burstSeconds.toFixed(2)} s → ${(EVENTS / burstSeconds).toFixed(0)} deliveries/s`,
        `burst event → delivery: p50 ${ms(burstLatency.p50)}, p99 ${ms(burstLatency.p99)}, max ${ms(burstLatency.max)} (includes the queue ahead)`,
        `paced ${PACED} events at ${RATE}/s event → delivery: p50 ${ms(pacedLatency.p50)}, p99 ${ms(pacedLatency.p99)}, max ${ms(pacedLatency.max)}`,
        `every event arrived (${burst.length + paced.length}); requests received ${arrivals.size} distinct ids`,
      ].join('\n'),
    );
  } finally {
    await client.close().catch(() => undefined);
    await Promise.all(running.map((service) => service.stop()));
    await nats.close();
    receiver.closeAllConnections();
    receiver.close();
    await infrastructure.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
