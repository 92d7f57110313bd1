import { ContactEventTypes, EVENTS_STREAM, tenantEventsFilter, type ContactView } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { connect, type NatsConnection } from 'nats';
import { type Backend, eventually, EventStreamReader, GatewayUnderTest, startBackend } from './harness';

/** F11: live updates as Server-Sent Events of the caller's tenant's domain events. */
describe('gateway: F11 live event stream', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let nats: NatsConnection;
  const open: EventStreamReader[] = [];

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend, { SSE_HEARTBEAT_MS: 1_000 });
    nats = await connect({ servers: backend.natsUrl });
  });
  afterEach(() => {
    for (const reader of open.splice(0)) reader.close();
  });
  afterAll(async () => {
    await nats?.close();
    await gateway?.stop();
    await backend?.stop();
  });

  async function stream(token: string, query = '', headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const reader = await EventStreamReader.open(`${gateway.url}/api/v1/events${query}`, { Authorization: `Bearer ${token}`, ...headers });
    open.push(reader);
    return reader;
  }

  /** Ephemeral consumers the gateway holds on the stream for one tenant. */
  async function consumersOf(tenantId: string): Promise<number> {
    const manager = await nats.jetstreamManager();
    let count = 0;
    for await (const consumer of manager.consumers.list(EVENTS_STREAM)) {
      if ((consumer.config.filter_subjects ?? [consumer.config.filter_subject]).includes(tenantEventsFilter(tenantId))) count++;
    }
    return count;
  }

  it('F11: one change arrives as exactly one event with its stream id, type and payload', async () => {
    const tenantId = uniqueId('tenant');
    const token = await gateway.token(tenantId, 'u-ana');
    const reader = await stream(token);
    expect(reader.response.statusCode).toBe(200);
    expect(reader.response.headers['content-type']).toContain('text/event-stream');

    const contact = (
      await gateway
        .http()
        .post('/api/v1/contacts')
        .set({ Authorization: `Bearer ${token}` })
        .send({ firstName: 'Live', phone: '+14155550160' })
        .expect(201)
    ).body as ContactView;
    const [event] = await reader.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reader.events).toHaveLength(1);
    expect(event.id).toMatch(/^\d+$/);
    expect(event.event).toBe(ContactEventTypes.created);
    expect(event.data).toMatchObject({
      type: ContactEventTypes.created,
      tenantId,
      actor: { userId: 'u-ana' },
      data: { contactId: contact.id, contact: { id: contact.id, fullName: 'Live', phone: '+14155550160' } },
    });
  });

  it('F11: another tenant’s changes never reach the stream', async () => {
    const reader = await stream(await gateway.token(uniqueId('tenant')));
    const other = await gateway.as(uniqueId('tenant'));
    await gateway.http().post('/api/v1/contacts').set(other).send({ firstName: 'Elsewhere' }).expect(201);
    await gateway.http().post('/api/v1/tags').set(other).send({ name: 'Elsewhere' }).expect(201);
    await reader.waitFor(1, 1_500);
    expect(reader.events).toEqual([]);
  });

  it('F11: reconnecting with Last-Event-ID delivers only the events after it', async () => {
    const tenantId = uniqueId('tenant');
    const token = await gateway.token(tenantId);
    const auth = { Authorization: `Bearer ${token}` };
    const first = await stream(token);
    const contact = (await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Resume' }).expect(201)).body as ContactView;
    const [created] = await first.waitFor(1);
    first.close();

    // Missed while disconnected:
    await gateway.http().patch(`/api/v1/contacts/${contact.id}`).set(auth).send({ company: 'Acme' }).expect(200);
    await gateway.http().post(`/api/v1/contacts/${contact.id}/notes`).set(auth).send({ body: 'while away' }).expect(201);

    const resumed = await stream(token, '', { 'Last-Event-ID': created.id });
    const events = await resumed.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.events.map((event) => event.event)).toEqual([ContactEventTypes.updated, ContactEventTypes.noteAdded]);
    expect(events.every((event) => Number(event.id) > Number(created.id))).toBe(true);
    expect(events[0].data.data).toMatchObject({ contactId: contact.id, after: { company: 'Acme' } });

    // EventSource cannot send headers: the same via the query string, token included.
    resumed.close();
    const viaQuery = await EventStreamReader.open(`${gateway.url}/api/v1/events?lastEventId=${events[0].id}&access_token=${token}`);
    open.push(viaQuery);
    expect(viaQuery.response.statusCode).toBe(200);
    expect((await viaQuery.waitFor(1)).map((event) => event.event)).toEqual([ContactEventTypes.noteAdded]);
  });

  it('F11: a heartbeat comment keeps an idle stream open', async () => {
    const reader = await stream(await gateway.token(uniqueId('tenant')));
    await eventually(
      async () => reader.comments.length,
      (count) => count >= 2,
      3_500,
    );
    expect(reader.comments).toEqual(expect.arrayContaining(['connected', 'heartbeat']));
  });

  it('F11: closing the connection removes the consumer', async () => {
    const tenantId = uniqueId('tenant');
    const reader = await stream(await gateway.token(tenantId));
    expect(await consumersOf(tenantId)).toBe(1);
    reader.close();
    expect(
      await eventually(
        () => consumersOf(tenantId),
        (count) => count === 0,
      ),
    ).toBe(0);
  });

  it('F36: the stream needs a valid token, and validates Last-Event-ID', async () => {
    const missing = await EventStreamReader.open(`${gateway.url}/api/v1/events`);
    expect(missing.response.statusCode).toBe(401);
    expect(JSON.parse(await missing.body()).error.message).toContain('access_token');
    const forged = await EventStreamReader.open(
      `${gateway.url}/api/v1/events?access_token=${await gateway.token('acme', 'u-x', { secret: 'z'.repeat(40) })}`,
    );
    expect(forged.response.statusCode).toBe(401);
    await forged.body();
    const badId = await EventStreamReader.open(`${gateway.url}/api/v1/events`, {
      Authorization: `Bearer ${await gateway.token('acme')}`,
      'Last-Event-ID': 'yesterday',
    });
    expect(badId.response.statusCode).toBe(422);
    expect(JSON.parse(await badId.body()).error.fields).toEqual({ 'Last-Event-ID': [expect.any(String)] });
  });

  it('shutting the gateway down ends open streams instead of waiting for them', async () => {
    const own = await GatewayUnderTest.start(backend);
    const tenantId = uniqueId('tenant');
    const reader = await EventStreamReader.open(`${own.url}/api/v1/events`, { Authorization: `Bearer ${await own.token(tenantId)}` });
    const ended = new Promise<void>((resolve) => reader.response.once('close', resolve));
    const started = Date.now();
    await own.stop();
    await ended;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(
      await eventually(
        () => consumersOf(tenantId),
        (count) => count === 0,
      ),
    ).toBe(0);
  });
});
