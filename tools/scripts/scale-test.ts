/**
 * `npm run test:scale [-- --short]`: scale-out under failure, end to end. Two replicas each of the
 * contacts and messaging services share NATS queue groups (and, for messaging's send workers, one
 * JetStream work queue) behind the gateway, with the carrier simulator. A mixed contacts workload and a
 * stream of SMS sends run together while one contacts replica is drained (SIGTERM), one is killed
 * (SIGKILL) and replaced, a messaging replica is killed mid-send and replaced, and NATS itself is
 * restarted. Passes when: requests were split across replicas of both services, no request failed beyond
 * the documented client retry (idempotent requests retried on 503), every created contact exists exactly
 * once, the event log holds exactly one `created` event per contact, and every accepted send was handed
 * to the carrier exactly once and ended delivered. Exits 1 otherwise.
 *
 * Documented retry: a 503 means "no service answered in time" (a replica died mid-request or NATS was
 * restarting); clients retry it with backoff. Creates carry a phone number, so a retried create answers
 * 409 CONTACT_PHONE_EXISTS instead of creating a duplicate — counted as success.
 */
import { ContactEventTypes, EVENTS_STREAM, eventSubject, type MessageView, type Page, teamMemberKey } from '@conversations/contracts';
import {
  freePort,
  spawnService,
  startEmbeddedNats,
  startInfrastructure,
  type Infrastructure,
  type ServiceProcess,
} from '@conversations/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connect } from 'nats';
import { devToken } from './bench-kit';

const SHORT = process.argv.includes('--short');
const REQUESTS = SHORT ? 400 : 2_000;
const SENDS = SHORT ? 100 : 500;
const CONCURRENCY = 12;
const SEND_CONCURRENCY = 4;
/** The tenant's sender number (unique per run: numbers are globally unique, webhooks resolve tenants by them). */
const FROM_NUMBER = `+1628${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
const TENANT = `scale-${randomBytes(3).toString('hex')}`;
const USER = `u-scale-${randomBytes(3).toString('hex')}`;

interface Outcome {
  status: number;
  retries: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scale-nats-'));
  const store = await startInfrastructure();
  const natsPort = await freePort();
  let nats: Infrastructure = await startEmbeddedNats({ dataDir, port: natsPort });
  const replicas: ServiceProcess[] = [];
  const senders: ServiceProcess[] = [];
  const others: ServiceProcess[] = [];
  const database = `scale_${randomBytes(3).toString('hex')}`;
  const gatewayPort = await freePort();
  const simulatorPort = await freePort();
  const authToken = randomBytes(16).toString('hex');
  const baseEnv = {
    MONGO_URL: store.mongoUrl,
    MONGO_DB: database,
    NATS_URL: nats.natsUrl,
    NATS_NAMESPACE: `scale-${randomBytes(2).toString('hex')}`,
    JWT_SECRET: 'scale-test-secret-scale-test-secret-0123',
    GATEWAY_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: '1000000',
    RPC_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'info',
    // Events a killed replica or a NATS outage left in the outbox are republished within seconds.
    OUTBOX_SWEEP_MS: '2000',
    // The carrier simulator speaks Plivo's API and signs its webhooks to the gateway like Plivo.
    CARRIER: 'simulator',
    SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
    SIMULATOR_PORT: String(simulatorPort),
    PLIVO_AUTH_ID: 'MASCALE',
    PLIVO_AUTH_TOKEN: authToken,
    PUBLIC_WEBHOOK_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    DELIVERY_DELAY_MS: '50',
  };
  const replicaEnv = async () => ({ ...baseEnv, HEALTH_PORT: String(await freePort()) });
  // Each messaging replica runs its send worker; a killed one's work items go to the others after the ack wait.
  const messagingEnv = async () => ({
    ...(await replicaEnv()),
    MONGO_DB: `${database}_messaging`,
    SEND_LEASE_MS: '3000',
    CARRIER_TIMEOUT_MS: '2000',
    RECONCILE_AFTER_MS: '3000',
    DISPATCH_SWEEP_MS: '1000',
    SEND_ACK_WAIT_MS: '5000',
  });
  const failures: string[] = [];
  try {
    const firstEnv = await replicaEnv();
    const secondEnv = await replicaEnv();
    const firstSenderEnv = await messagingEnv();
    const secondSenderEnv = await messagingEnv();
    const connection = await mongoose.createConnection(store.mongoUrl, { dbName: database }).asPromise();
    const messagingStore = connection.useDb(`${database}_messaging`);
    await connection.collection('team_members').insertOne({
      _id: teamMemberKey(TENANT, USER) as never,
      tenantId: TENANT,
      userId: USER,
      name: 'Scale Test',
      email: 'scale@example.test',
      phone: null,
      timeZone: 'UTC',
      role: 'admin',
    });
    await messagingStore.collection('sender_numbers').insertOne({
      tenantId: TENANT,
      number: FROM_NUMBER,
      label: 'Scale',
      capabilities: { sms: true, whatsapp: false, voice: false },
      createdAt: new Date(),
    });
    replicas.push(await spawnService('contacts', firstEnv), await spawnService('contacts', secondEnv));
    others.push(await spawnService('carrier-simulator', baseEnv));
    senders.push(await spawnService('messaging', firstSenderEnv), await spawnService('messaging', secondSenderEnv));
    others.push(await spawnService('gateway', baseEnv));
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const token = await devToken(api, TENANT, USER);
    const recipients = await createRecipients(api, token);

    // Recipients are contacts like the others: listed, and each with exactly one created event.
    const created = new Set<string>(recipients.map((recipient) => recipient.phone));
    const outcomes: Outcome[] = [];
    let next = 0;
    let split: number[] = [];
    let sendSplit: number[] = [];
    const sends: SendOutcome[] = [];
    const milestones = [
      {
        at: Math.floor(REQUESTS * 0.25),
        label: 'drain replica 1 (SIGTERM)',
        run: async () => {
          split = await requestsPerReplica([firstEnv, secondEnv]);
          await replicas[0].stop('SIGTERM');
        },
      },
      {
        at: Math.floor(REQUESTS * 0.3),
        label: 'start replica 3',
        run: async () => void replicas.push(await spawnService('contacts', await replicaEnv())),
      },
      {
        at: Math.floor(REQUESTS * 0.4),
        label: 'kill messaging replica 1 mid-send (SIGKILL), start messaging replica 3',
        run: async () => {
          sendSplit = await requestsPerReplica([firstSenderEnv, secondSenderEnv]);
          await senders[0].stop('SIGKILL');
          senders.push(await spawnService('messaging', await messagingEnv()));
        },
      },
      { at: Math.floor(REQUESTS * 0.5), label: 'kill replica 2 (SIGKILL)', run: async () => replicas[1].stop('SIGKILL') },
      {
        at: Math.floor(REQUESTS * 0.55),
        label: 'start replica 4',
        run: async () => void replicas.push(await spawnService('contacts', await replicaEnv())),
      },
      {
        at: Math.floor(REQUESTS * 0.7),
        label: 'restart NATS',
        run: async () => {
          await nats.stop();
          await sleep(1_500);
          nats = await startEmbeddedNats({ dataDir, port: natsPort });
        },
      },
    ];
    const started = performance.now();
    let nextSend = 0;
    const sending = Promise.all(
      Array.from({ length: SEND_CONCURRENCY }, async () => {
        for (let index = nextSend++; index < SENDS; index = nextSend++)
          sends.push(await sendMessage(api, token, recipients[index % recipients.length].id, index));
      }),
    );
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < REQUESTS; index = next++) {
          const milestone = milestones.find((candidate) => candidate.at === index);
          if (milestone) {
            process.stdout.write(`  request ${index}: ${milestone.label}\n`);
            void milestone.run().catch((error: Error) => failures.push(`${milestone.label}: ${error.message}`));
          }
          outcomes.push(await mixedRequest(api, token, index, created));
        }
      }),
    );
    await sending;
    const seconds = (performance.now() - started) / 1000;
    const delivery = await settledSends(
      api,
      token,
      recipients.map((recipient) => recipient.id),
      baseEnv.SIMULATOR_URL,
    );

    const failed = outcomes.filter((outcome) => outcome.status >= 500);
    const retried = outcomes.filter((outcome) => outcome.retries > 0);
    const listed = await allContactPhones(api, token);
    const duplicates = listed.length - new Set(listed).size;
    const missing = [...created].filter((phone) => !listed.includes(phone));
    let createdEvents = await createdEventsFor(nats.natsUrl);
    for (const deadline = Date.now() + 20_000; createdEvents.unique < created.size && Date.now() < deadline;) {
      await sleep(1_000);
      createdEvents = await createdEventsFor(nats.natsUrl);
    }

    console.log(`\n${REQUESTS} requests at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s)`);
    console.log(`requests answered per replica before the failures (from each replica's /metrics): ${split.join(', ')}`);
    console.log(`retried after a 503: ${retried.length}; failed after retries: ${failed.length}`);
    console.log(`contacts created: ${created.size}; listed: ${listed.length}; duplicates: ${duplicates}; missing: ${missing.length}`);
    console.log(`evt.contacts.created events for the tenant: ${createdEvents.total} (${createdEvents.unique} distinct contacts)`);
    console.log(
      `\n${SENDS} sends at concurrency ${SEND_CONCURRENCY}: accepted ${sends.filter((send) => send.status === 202).length}, retried after a 503: ${sends.filter((send) => send.retries > 0).length}`,
    );
    console.log(`requests answered per messaging replica before the kill (from each replica's /metrics): ${sendSplit.join(', ')}`);
    console.log(
      `messages stored: ${delivery.stored}; delivered: ${delivery.delivered}; handed to the carrier: ${delivery.carrierSends} (${delivery.carrierDistinct} distinct messages); settled in ${delivery.seconds.toFixed(1)} s after the last send`,
    );

    if (split.filter((count) => count > 0).length < 2) failures.push(`requests were not split across replicas: ${split.join(', ')}`);
    if (failed.length)
      failures.push(`${failed.length} requests failed after retries (statuses ${[...new Set(failed.map((f) => f.status))].join(', ')})`);
    if (duplicates || missing.length) failures.push(`${duplicates} duplicate and ${missing.length} missing contacts`);
    if (createdEvents.total !== created.size || createdEvents.unique !== created.size)
      failures.push(`expected ${created.size} created events, found ${createdEvents.total} (${createdEvents.unique} distinct)`);
    if (sendSplit.filter((count) => count > 0).length < 2)
      failures.push(`sends were not split across messaging replicas: ${sendSplit.join(', ')}`);
    const refused = sends.filter((send) => send.status !== 202);
    if (refused.length)
      failures.push(`${refused.length} sends not accepted (statuses ${[...new Set(refused.map((send) => send.status))].join(', ')})`);
    if (delivery.stored !== SENDS) failures.push(`expected ${SENDS} stored messages (one per clientMessageId), found ${delivery.stored}`);
    if (delivery.delivered !== SENDS) failures.push(`${SENDS - delivery.delivered} messages not delivered`);
    if (delivery.carrierSends !== SENDS || delivery.carrierDistinct !== SENDS)
      failures.push(
        `the carrier got ${delivery.carrierSends} sends of ${delivery.carrierDistinct} messages; expected each of ${SENDS} exactly once`,
      );
    await messagingStore.dropDatabase();
    await connection.dropDatabase();
    await connection.close();
  } finally {
    await Promise.all([...others, ...replicas, ...senders].map((service) => service.stop()));
    await nats.stop();
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nscale test passed');
}

/** One request of the mix: 30% create, 40% list/search, 20% get, 10% update. 503s are retried. */
async function mixedRequest(api: string, token: string, index: number, created: Set<string>): Promise<Outcome> {
  const phone = `+1646${String(2_000_000 + index).padStart(7, '0')}`;
  const kind = index % 10;
  const known = [...created];
  const pick = () => known[Math.floor(Math.random() * known.length)];
  let call: () => Promise<Response>;
  if (kind < 3 || known.length < 5) {
    call = () => http(api, token, 'POST', '/contacts', { firstName: `Scale${index}`, lastName: 'Test', phone });
  } else if (kind < 7) {
    call = () => http(api, token, 'GET', kind % 2 ? '/contacts?limit=20' : `/contacts?q=${encodeURIComponent('scale')}&limit=10`);
  } else {
    const target = pick();
    call = async () => {
      const found = await http(api, token, 'GET', `/contacts?q=${encodeURIComponent(target)}`);
      if (found.status !== 200) return found;
      const id = ((await found.json()) as { items: { id: string }[] }).items[0]?.id;
      return kind < 9
        ? http(api, token, 'GET', `/contacts/${id}`)
        : http(api, token, 'PATCH', `/contacts/${id}`, { lastName: `Updated${index}` });
    };
  }
  for (let retries = 0; ; retries++) {
    const response = await call().catch(() => new Response(null, { status: 599 }));
    const status = response.status;
    if (status >= 500 && retries < 8) {
      await sleep(250 * 2 ** Math.min(retries, 4));
      continue;
    }
    if (kind < 3 || known.length < 5) {
      if (status === 201 || (status === 409 && retries > 0)) created.add(phone);
    }
    return { status: status === 409 && retries > 0 ? 201 : status, retries };
  }
}

interface SendOutcome {
  status: number;
  retries: number;
}

/** Contacts the sends go to (made before the run, so the send stream does not wait on the mixed workload). */
async function createRecipients(api: string, token: string): Promise<{ id: string; phone: string }[]> {
  const recipients: { id: string; phone: string }[] = [];
  for (let index = 0; index < 20; index++) {
    const phone = `+1646${String(3_000_000 + index).padStart(7, '0')}`;
    const response = await http(api, token, 'POST', '/contacts', { firstName: `Recipient${index}`, lastName: 'Scale', phone });
    if (response.status !== 201) throw new Error(`creating a recipient: ${response.status} ${await response.text()}`);
    recipients.push({ id: ((await response.json()) as { id: string }).id, phone });
  }
  return recipients;
}

/** One SMS; a 503 is retried with the same clientMessageId, so a retry never sends twice. */
async function sendMessage(api: string, token: string, contactId: string, index: number): Promise<SendOutcome> {
  const body = { channel: 'sms', body: `Scale message ${index}`, from: FROM_NUMBER, clientMessageId: `scale-${TENANT}-${index}` };
  for (let retries = 0; ; retries++) {
    const response = await http(api, token, 'POST', `/contacts/${contactId}/messages`, body).catch(
      () => new Response(null, { status: 599 }),
    );
    if (response.status >= 500 && retries < 8) {
      await sleep(250 * 2 ** Math.min(retries, 4));
      continue;
    }
    return { status: response.status, retries };
  }
}

/** Waits (up to 5 minutes) until every stored message is delivered, then counts what the carrier saw. */
async function settledSends(api: string, token: string, recipients: string[], simulatorUrl: string) {
  const started = performance.now();
  let messages: MessageView[] = [];
  for (const deadline = Date.now() + 300_000; ;) {
    messages = [];
    for (const contactId of recipients) messages.push(...(await allMessages(api, token, contactId)));
    if (messages.length >= SENDS && messages.every((message) => message.status === 'delivered')) break;
    if (Date.now() > deadline) break;
    await sleep(2_000);
  }
  const carrier = (await (await fetch(`${simulatorUrl}/simulate/messages`)).json()) as { messages: { ref: string | null }[] };
  const sentIds = carrier.messages.map((message) => (message.ref ?? '').split('.')[0]);
  return {
    stored: new Set(messages.map((message) => message.clientMessageId)).size,
    delivered: messages.filter((message) => message.status === 'delivered').length,
    carrierSends: sentIds.length,
    carrierDistinct: new Set(sentIds).size,
    seconds: (performance.now() - started) / 1000,
  };
}

async function allMessages(api: string, token: string, contactId: string): Promise<MessageView[]> {
  const messages: MessageView[] = [];
  let cursor: string | null = null;
  do {
    const response: Response = await http(
      api,
      token,
      'GET',
      `/contacts/${contactId}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (response.status !== 200) throw new Error(`listing messages: ${response.status}`);
    const page = (await response.json()) as Page<MessageView>;
    messages.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return messages;
}

function http(api: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
}

/** Requests each replica has answered so far (the sum of its RPC counters). */
async function requestsPerReplica(replicaEnvs: { HEALTH_PORT: string }[]): Promise<number[]> {
  return Promise.all(
    replicaEnvs.map(async (replica) => {
      const text = await fetch(`http://127.0.0.1:${replica.HEALTH_PORT}/metrics`)
        .then((response) => response.text())
        .catch(() => '');
      const total = [...text.matchAll(/^conversations_rpc_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      return total;
    }),
  );
}

async function allContactPhones(api: string, token: string): Promise<string[]> {
  const phones: string[] = [];
  let cursor: string | null = null;
  do {
    const response: Response = await http(api, token, 'GET', `/contacts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = (await response.json()) as { items: { phone: string | null }[]; nextCursor: string | null };
    phones.push(...page.items.map((item) => item.phone ?? ''));
    cursor = page.nextCursor;
  } while (cursor);
  return phones;
}

async function createdEventsFor(natsUrl: string): Promise<{ total: number; unique: number }> {
  const connection = await connect({ servers: natsUrl });
  try {
    const consumer = await connection
      .jetstream()
      .consumers.get(EVENTS_STREAM, { filterSubjects: eventSubject(ContactEventTypes.created, TENANT) });
    const ids: string[] = [];
    for (;;) {
      const message = await consumer.next({ expires: 2_000 });
      if (!message) break;
      ids.push((message.json() as { data: { contactId: string } }).data.contactId);
    }
    return { total: ids.length, unique: new Set(ids).size };
  } finally {
    await connection.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
