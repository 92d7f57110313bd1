import { type ContactView, type MessageView, MessagingEventTypes, type Page, type TimelineItem } from '@conversations/contracts';
import { randomUUID } from 'node:crypto';
import { eventually, EventStreamReader, GatewayUnderTest, type MessagingBackend, startMessagingBackend } from './harness';

const ACME_SMS = '+14155550100';
const inFromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * F38 end to end: gateway → messaging (API) → the worker's scheduler at the message's time → send worker →
 * Plivo SDK → simulator → signed delivery reports → SSE. A scheduler quick enough for a test: messages at
 * least a second ahead, a look every 200 ms.
 */
describe('gateway: scheduled messages (F38)', () => {
  let backend: MessagingBackend;
  let gateway: GatewayUnderTest;
  const open: EventStreamReader[] = [];
  let phoneSequence = 10;

  beforeAll(async () => {
    backend = await startMessagingBackend({
      messaging: { SCHEDULE_MIN_LEAD_MS: '1000', SCHEDULE_SWEEP_MS: '200', SCHEDULE_LEASE_MS: '2000' },
      calls: {},
    });
    gateway = await GatewayUnderTest.start(backend, backend.gatewayOverrides);
  });
  afterEach(() => {
    for (const reader of open.splice(0)) reader.close();
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  async function newContact(tenantId = 'acme'): Promise<{ auth: { Authorization: string }; contact: ContactView }> {
    const auth = await gateway.as(tenantId, 'u-ana');
    const phone = `+1773555${String(1000 + phoneSequence++).padStart(4, '0')}`;
    const contact = (
      await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Rui', lastName: 'Costa', phone }).expect(201)
    ).body as ContactView;
    return { auth, contact };
  }
  const schedule = async (auth: { Authorization: string }, contactId: string, body: Record<string, unknown>) =>
    (
      await gateway
        .http()
        .post(`/api/v1/contacts/${contactId}/messages`)
        .set(auth)
        .send({ channel: 'sms', from: ACME_SMS, ...body })
        .expect(202)
    ).body as MessageView;
  const messagesOf = async (auth: { Authorization: string }, contactId: string) =>
    ((await gateway.http().get(`/api/v1/contacts/${contactId}/messages`).set(auth).expect(200)).body as Page<MessageView>).items;
  const carrierSendsOf = async (messageId: string) => {
    const { messages } = (await (await fetch(`${backend.simulatorUrl}/simulate/messages`)).json()) as {
      messages: { ref: string | null }[];
    };
    return messages.filter((message) => message.ref?.startsWith(`${messageId}.`));
  };

  it('F38: a message with scheduledAt answers 202 scheduled, is listed and in the timeline, and at its time goes once and ends delivered, live over SSE', async () => {
    const { auth, contact } = await newContact();
    const reader = await EventStreamReader.open(`${gateway.url}/api/v1/events`, auth);
    open.push(reader);
    const scheduledAt = inFromNow(1_500);
    const clientMessageId = randomUUID();
    const scheduled = await schedule(auth, contact.id, {
      body: 'Hi {{contact.first_name}}, your order ships today',
      scheduledAt,
      clientMessageId,
    });
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      body: 'Hi Rui, your order ships today',
      clientMessageId,
      schedule: { scheduledAt, cancelIfReplied: false, cancelReason: null },
    });

    const listed = (await gateway.http().get(`/api/v1/scheduled-messages?contactId=${contact.id}`).set(auth).expect(200))
      .body as Page<MessageView>;
    expect(listed.items.map((message) => message.id)).toEqual([scheduled.id]);
    const timeline = (await gateway.http().get(`/api/v1/contacts/${contact.id}/timeline`).set(auth).expect(200)).body as Page<TimelineItem>;
    expect(timeline.items).toEqual([expect.objectContaining({ kind: 'message', id: scheduled.id, at: scheduled.createdAt })]);

    const [delivered] = await eventually(
      () => messagesOf(auth, contact.id),
      ([message]) => message?.status === 'delivered',
      10_000,
    );
    expect(delivered.statusTrail[0]).toMatchObject({ status: 'scheduled' });
    expect(Date.parse(delivered.statusTrail.find((change) => change.status === 'queued')!.at)).toBeGreaterThanOrEqual(
      Date.parse(scheduledAt),
    );
    expect(await carrierSendsOf(scheduled.id)).toHaveLength(1);
    const seen = await eventually(
      async () =>
        reader.events.filter((event) => (event.data.data as { messageId?: string }).messageId === scheduled.id).map((event) => event.event),
      (types) => types.includes(MessagingEventTypes.messageStatusChanged) && types.includes(MessagingEventTypes.messageScheduled),
      5_000,
    );
    expect(seen).toEqual(expect.arrayContaining([MessagingEventTypes.messageCreated, MessagingEventTypes.messageScheduled]));
    expect(((await gateway.http().get('/api/v1/scheduled-messages').set(auth).expect(200)).body as Page<MessageView>).items).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: scheduled.id })]),
    );
  });

  it('F38: PATCH and cancel until it goes, 409 after; bad input 422 per field; another tenant’s ids 404', async () => {
    const { auth, contact } = await newContact();
    const later = await schedule(auth, contact.id, { body: 'Reminder', scheduledAt: inFromNow(60_000) });

    const moved = inFromNow(90_000);
    const changed = (
      await gateway
        .http()
        .patch(`/api/v1/messages/${later.id}`)
        .set(auth)
        .send({ body: 'Reminder: 3 pm', scheduledAt: moved, cancelIfReplied: true })
        .expect(200)
    ).body as MessageView;
    expect(changed).toMatchObject({ body: 'Reminder: 3 pm', schedule: { scheduledAt: moved, cancelIfReplied: true } });

    const patchFields = async (body: Record<string, unknown>) =>
      (await gateway.http().patch(`/api/v1/messages/${later.id}`).set(auth).send(body).expect(422)).body.error.fields;
    expect(await patchFields({ scheduledAt: inFromNow(100) })).toEqual({ scheduledAt: [expect.stringContaining('at least')] });
    expect(await patchFields({ scheduledAt: '2030-01-01 09:00' })).toHaveProperty('scheduledAt');
    expect(await patchFields({ cancelIfReplied: 'yes', extra: 1 })).toEqual({
      cancelIfReplied: [expect.any(String)],
      extra: ['extra is not a known field'],
    });
    expect(Object.keys(await patchFields({}))).toEqual(['body', 'scheduledAt', 'cancelIfReplied']);
    const sendFields = async (body: Record<string, unknown>) =>
      (
        await gateway
          .http()
          .post(`/api/v1/contacts/${contact.id}/messages`)
          .set(auth)
          .send({ channel: 'sms', from: ACME_SMS, body: 'x', ...body })
          .expect(422)
      ).body.error.fields;
    expect(await sendFields({ scheduledAt: '2030-01-01T09:00:00' })).toEqual({ scheduledAt: [expect.stringContaining('UTC offset')] });
    expect(await sendFields({ scheduledAt: inFromNow(400 * 24 * 3600_000) })).toEqual({ scheduledAt: [expect.stringContaining('a year')] });
    expect(await sendFields({ cancelIfReplied: true })).toEqual({ cancelIfReplied: [expect.stringContaining('scheduledAt')] });
    expect((await gateway.http().get('/api/v1/scheduled-messages?contactId=nope').set(auth).expect(422)).body.error.fields).toHaveProperty(
      'contactId',
    );

    const globex = await gateway.as('globex', 'u-dmitri');
    await gateway.http().patch(`/api/v1/messages/${later.id}`).set(globex).send({ body: 'mine' }).expect(404);
    await gateway.http().post(`/api/v1/messages/${later.id}/cancel`).set(globex).expect(404);
    await gateway.http().get(`/api/v1/scheduled-messages?contactId=${contact.id}`).set(globex).expect(404);
    expect(((await gateway.http().get('/api/v1/scheduled-messages').set(globex).expect(200)).body as Page<MessageView>).items).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: later.id })]),
    );
    await gateway.http().post('/api/v1/messages/not-an-id/cancel').set(auth).expect(404);

    const canceled = (await gateway.http().post(`/api/v1/messages/${later.id}/cancel`).set(auth).expect(200)).body as MessageView;
    expect(canceled).toMatchObject({ status: 'canceled', schedule: { cancelReason: 'user' } });
    expect((await gateway.http().post(`/api/v1/messages/${later.id}/cancel`).set(auth).expect(200)).body).toEqual(canceled);
    expect(
      (await gateway.http().patch(`/api/v1/messages/${later.id}`).set(auth).send({ body: 'again' }).expect(409)).body.error,
    ).toMatchObject({
      code: 'MESSAGE_NOT_SCHEDULED',
      details: { status: 'canceled' },
    });

    const soon = await schedule(auth, contact.id, { body: 'Going now', scheduledAt: inFromNow(1_200) });
    // Delivered: its last delivery report is in, so none is still on its way when the suite stops.
    await eventually(
      async () => (await messagesOf(auth, contact.id)).find((message) => message.id === soon.id)?.status,
      (status) => status === 'delivered',
      10_000,
    );
    await gateway.http().post(`/api/v1/messages/${soon.id}/cancel`).set(auth).expect(409);
    await gateway.http().patch(`/api/v1/messages/${soon.id}`).set(auth).send({ body: 'too late' }).expect(409);
    expect(await carrierSendsOf(later.id)).toEqual([]);
  });

  it('F38: the OpenAPI document describes the routes and the send body’s schedule fields', async () => {
    const document = (await gateway.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths['/api/v1/scheduled-messages'])).toEqual(['get']);
    expect(Object.keys(document.paths['/api/v1/messages/{id}'])).toEqual(['patch']);
    expect(Object.keys(document.paths['/api/v1/messages/{id}/cancel'])).toEqual(['post']);
    expect(Object.keys(document.components.schemas.SendMessageDto.properties ?? {})).toEqual(
      expect.arrayContaining(['scheduledAt', 'cancelIfReplied']),
    );
    expect(Object.keys(document.components.schemas.UpdateScheduledMessageDto.properties ?? {})).toEqual([
      'body',
      'scheduledAt',
      'cancelIfReplied',
    ]);
  });
});
