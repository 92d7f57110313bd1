import {
  ContactsSubjects,
  type ConversationView,
  type DomainEvent,
  type MessageEventData,
  type MessageView,
  MessagingEventTypes,
  MessagingSubjects,
  type Page,
  type RequestContext,
} from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { SimulatedCarrier } from './carrier';
import { demoPhone, eventually, FAST_SCHEDULES, inFromNow, MessagingHarness, senderNumber } from './harness';

/** F38 through the messaging service: the API over NATS, the scheduler and send worker in the same process, the real carrier simulator. */
describe('F38: scheduled send (messaging service, real NATS, devstack and carrier simulator)', () => {
  let carrier: SimulatedCarrier;
  let harness: MessagingHarness;

  beforeAll(async () => {
    carrier = await SimulatedCarrier.start();
    harness = await MessagingHarness.start({ ...carrier.messagingConfig, ...FAST_SCHEDULES, SEND_WORKER: 'embedded' });
    carrier.relay.target = harness;
  });
  afterAll(async () => {
    await harness?.stop();
    await carrier?.stop();
  });

  async function tenantWithContact(fields: Record<string, unknown> = {}) {
    const ctx = harness.context(uniqueId('tenant'));
    const sms = senderNumber();
    await harness.addNumber(ctx.tenantId, sms, { sms: true });
    const contact = await harness.createContact(ctx, { firstName: 'Ana', lastName: 'Núñez', phone: demoPhone(), ...fields });
    return { ctx, sms, contact };
  }

  const send = (ctx: RequestContext, contactId: string, message: Record<string, unknown>) =>
    harness.call<MessageView>(MessagingSubjects.send, ctx, { contactId, message });
  const sendError = (ctx: RequestContext, contactId: string, message: Record<string, unknown>) =>
    harness.callError(MessagingSubjects.send, ctx, { contactId, message });
  const messagesOf = async (ctx: RequestContext, contactId: string) =>
    (await harness.call<Page<MessageView>>(MessagingSubjects.messagesList, ctx, { contactId })).items;
  const messageOf = async (ctx: RequestContext, contactId: string, id: string) =>
    (await messagesOf(ctx, contactId)).find((message) => message.id === id) as MessageView;
  const scheduledOf = (ctx: RequestContext, query: Record<string, unknown> = {}) =>
    harness.call<Page<MessageView>>(MessagingSubjects.scheduledList, ctx, query);
  const update = (ctx: RequestContext, messageId: string, changes: Record<string, unknown>) =>
    harness.call<MessageView>(MessagingSubjects.scheduledUpdate, ctx, { messageId, changes });
  const cancel = (ctx: RequestContext, messageId: string) =>
    harness.call<MessageView>(MessagingSubjects.scheduledCancel, ctx, { messageId });
  const inbound = (from: string, to: string, text: string, providerMessageId = uniqueId('uuid')) =>
    harness.call(MessagingSubjects.carrierInbound, harness.context('carrier'), {
      carrier: 'plivo',
      providerMessageId,
      from: from.replace('+', ''),
      to: to.replace('+', ''),
      text,
      channel: 'sms',
    });
  const until = <T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000) => eventually(read, accept, timeoutMs, 100);
  const ofMessage = (events: DomainEvent[], id: string) =>
    events.filter((event) => (event.data as MessageEventData).messageId === id).map((event) => event.type);

  it('F38: a scheduled message is stored scheduled, listed, sent once at its time through the carrier, and ends delivered', async () => {
    const { ctx, sms, contact } = await tenantWithContact();
    const watcher = await harness.watchEvents(ctx.tenantId);
    const clientMessageId = `c-${uniqueId('m')}`;
    const scheduledAt = inFromNow(1_500);
    const request = { channel: 'sms', from: sms, body: 'Hi {{contact.first_name}}, see you at 5', clientMessageId, scheduledAt };
    const scheduled = await send(ctx, contact.id, request);
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      body: 'Hi Ana, see you at 5',
      to: contact.phone,
      clientMessageId,
      schedule: { scheduledAt, cancelIfReplied: false, cancelReason: null },
      statusTrail: [{ status: 'scheduled' }],
    });
    // A retried request schedules nothing twice.
    expect((await send(ctx, contact.id, request)).id).toBe(scheduled.id);
    expect((await scheduledOf(ctx)).items.map((message) => message.id)).toEqual([scheduled.id]);
    expect((await scheduledOf(ctx, { contactId: contact.id })).items.map((message) => message.id)).toEqual([scheduled.id]);
    expect((await messagesOf(ctx, contact.id)).map((message) => message.status)).toEqual(['scheduled']);
    // Not in the Chat tab until it goes.
    expect((await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {})).items).toEqual([]);

    const delivered = await until(
      () => messageOf(ctx, contact.id, scheduled.id),
      (message) => message.status === 'delivered',
    );
    expect(delivered.statusTrail.map((change) => change.status)).toEqual(expect.arrayContaining(['scheduled', 'queued', 'delivered']));
    const queuedAt = Date.parse(delivered.statusTrail.find((change) => change.status === 'queued')!.at);
    const lateMs = queuedAt - Date.parse(scheduledAt);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(1_500);
    expect(await carrier.sendsOf(scheduled.id)).toEqual([
      expect.objectContaining({ src: sms, dst: contact.phone, text: 'Hi Ana, see you at 5' }),
    ]);
    expect((await scheduledOf(ctx)).items).toEqual([]);
    const [conversation] = (await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {})).items;
    expect(conversation).toMatchObject({
      contactId: contact.id,
      lastMessagePreview: 'Hi Ana, see you at 5',
      lastMessageDirection: 'outbound',
    });

    const types = await until(
      async () => ofMessage(watcher.events, scheduled.id),
      (seen) => seen.includes(MessagingEventTypes.messageQueued),
    );
    await watcher.stop();
    expect(types.slice(0, 2)).toEqual([MessagingEventTypes.messageCreated, MessagingEventTypes.messageScheduled]);
    expect(types.filter((type) => type === MessagingEventTypes.messageQueued)).toHaveLength(1);
    expect(types).toContain(MessagingEventTypes.messageStatusChanged);
    process.stdout.write(`F38 lateness of one scheduled send: ${lateMs} ms after its time\n`);
  });

  it('F38: bad schedules are refused with a message per field, and nothing is stored', async () => {
    const { ctx, sms, contact } = await tenantWithContact();
    const base = { channel: 'sms', from: sms, body: 'Later' };
    const fieldsOf = async (message: Record<string, unknown>) => (await sendError(ctx, contact.id, { ...base, ...message })).fields;
    expect(await fieldsOf({ scheduledAt: '2030-01-01T09:00:00' })).toEqual({ scheduledAt: [expect.stringContaining('UTC offset')] });
    expect(await fieldsOf({ scheduledAt: `${new Date().getUTCFullYear() + 1}-02-30T09:00:00Z` })).toEqual({
      scheduledAt: [expect.stringContaining('real date and time')],
    });
    expect((await fieldsOf({ scheduledAt: 'tomorrow at 9' }))?.scheduledAt).toEqual(
      expect.arrayContaining([expect.stringContaining('real date and time'), expect.stringContaining('UTC offset')]),
    );
    expect(await fieldsOf({ scheduledAt: inFromNow(200) })).toEqual({ scheduledAt: ['scheduledAt must be at least 1 second from now'] });
    expect(await fieldsOf({ scheduledAt: inFromNow(367 * 24 * 3600_000) })).toEqual({
      scheduledAt: ['scheduledAt must be at most a year from now'],
    });
    expect(await fieldsOf({ scheduledAt: inFromNow(60_000), cancelIfReplied: 'yes' })).toEqual({
      cancelIfReplied: ['cancelIfReplied must be true or false'],
    });
    expect(await fieldsOf({ cancelIfReplied: true })).toEqual({ cancelIfReplied: [expect.stringContaining('scheduledAt')] });
    // The checks of a send now apply as they are.
    expect(await sendError(ctx, contact.id, { channel: 'sms', body: 'Later', scheduledAt: inFromNow(60_000) })).toMatchObject({
      code: 'FROM_NUMBER_REQUIRED',
    });
    expect(await sendError(ctx, contact.id, { ...base, body: 'Hi {{contact.nickname}}', scheduledAt: inFromNow(60_000) })).toMatchObject({
      code: 'UNKNOWN_PLACEHOLDER',
    });
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { sms: true } });
    expect(await sendError(ctx, contact.id, { ...base, scheduledAt: inFromNow(60_000) })).toMatchObject({ code: 'DND_BLOCKED' });
    expect(await messagesOf(ctx, contact.id)).toEqual([]);

    expect(await harness.callError(MessagingSubjects.scheduledList, ctx, { contactId: 'nope' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { contactId: [expect.any(String)] },
    });
    expect(await harness.callError(MessagingSubjects.scheduledList, ctx, { cursor: 'bogus' })).toMatchObject({
      fields: { cursor: [expect.any(String)] },
    });
  });

  it('F38: a scheduled message changes and cancels until it goes, then answers 409; cancel twice is one cancel; another tenant gets 404', async () => {
    const { ctx, sms, contact } = await tenantWithContact({ company: 'Acme' });
    const later = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'first text', scheduledAt: inFromNow(60_000) });
    const soon = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'soon', scheduledAt: inFromNow(1_200) });
    const watcher = await harness.watchEvents(ctx.tenantId);

    const moved = inFromNow(120_000);
    const changed = await update(ctx, later.id, { body: 'From {{contact.company}}', scheduledAt: moved, cancelIfReplied: true });
    expect(changed).toMatchObject({ status: 'scheduled', body: 'From Acme', schedule: { scheduledAt: moved, cancelIfReplied: true } });
    expect(await harness.callError(MessagingSubjects.scheduledUpdate, ctx, { messageId: later.id, changes: {} })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { body: [expect.any(String)], scheduledAt: [expect.any(String)], cancelIfReplied: [expect.any(String)] },
    });
    expect(
      await harness.callError(MessagingSubjects.scheduledUpdate, ctx, { messageId: later.id, changes: { scheduledAt: inFromNow(100) } }),
    ).toMatchObject({ fields: { scheduledAt: [expect.stringContaining('at least')] } });
    // Soonest first, page by page.
    const first = await scheduledOf(ctx, { limit: 1 });
    const second = await scheduledOf(ctx, { limit: 1, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((message) => message.id)).toEqual([soon.id, later.id]);
    expect(second.nextCursor).toBeNull();

    const stranger = harness.context(uniqueId('tenant'));
    for (const [subject, data] of [
      [MessagingSubjects.scheduledUpdate, { messageId: later.id, changes: { body: 'mine now' } }],
      [MessagingSubjects.scheduledCancel, { messageId: later.id }],
    ] as const)
      expect(await harness.callError(subject, stranger, data)).toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect(await harness.callError(MessagingSubjects.scheduledList, stranger, { contactId: contact.id })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    expect((await scheduledOf(stranger)).items).toEqual([]);

    const canceled = await cancel(ctx, later.id);
    expect(canceled).toMatchObject({ status: 'canceled', schedule: { cancelReason: 'user' } });
    expect(canceled.statusTrail.map((change) => change.status)).toEqual(['scheduled', 'canceled']);
    expect(await cancel(ctx, later.id)).toEqual(canceled);
    expect(await harness.callError(MessagingSubjects.scheduledUpdate, ctx, { messageId: later.id, changes: { body: 'x' } })).toMatchObject({
      code: 'MESSAGE_NOT_SCHEDULED',
      details: { status: 'canceled' },
    });

    await until(
      () => messageOf(ctx, contact.id, soon.id),
      (message) => message.status !== 'scheduled',
    );
    expect(await harness.callError(MessagingSubjects.scheduledCancel, ctx, { messageId: soon.id })).toMatchObject({
      code: 'MESSAGE_NOT_SCHEDULED',
    });
    expect(await harness.callError(MessagingSubjects.scheduledUpdate, ctx, { messageId: soon.id, changes: { body: 'x' } })).toMatchObject({
      code: 'MESSAGE_NOT_SCHEDULED',
    });
    const now = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'sent at once' });
    expect(await harness.callError(MessagingSubjects.scheduledCancel, ctx, { messageId: now.id })).toMatchObject({
      code: 'MESSAGE_NOT_SCHEDULED',
      details: { scheduled: false },
    });

    expect((await scheduledOf(ctx)).items).toEqual([]);
    expect(await carrier.sendsOf(later.id)).toEqual([]);
    const types = await until(
      async () => ofMessage(watcher.events, later.id),
      (seen) => seen.includes(MessagingEventTypes.messageCanceled),
    );
    await watcher.stop();
    expect(types.filter((type) => type === MessagingEventTypes.messageUpdated)).toHaveLength(1);
    expect(types.filter((type) => type === MessagingEventTypes.messageCanceled)).toHaveLength(1);
  });

  it('F38: at its time a message is checked again — DND set since, the contact’s STOP, a deleted contact: canceled with the reason, never sent', async () => {
    const { ctx, sms, contact: dnd } = await tenantWithContact();
    const stopped = await harness.createContact(ctx, { firstName: 'Stop', phone: demoPhone('212') });
    const deleted = await harness.createContact(ctx, { firstName: 'Gone', phone: demoPhone('312') });
    const watcher = await harness.watchEvents(ctx.tenantId);
    const scheduledAt = inFromNow(2_000);
    const [toDnd, toStopped, toDeleted] = await Promise.all(
      [dnd, stopped, deleted].map((contact) => send(ctx, contact.id, { channel: 'sms', from: sms, body: 'reminder', scheduledAt })),
    );
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: dnd.id, changes: { sms: true } });
    await inbound(stopped.phone as string, sms, 'STOP');
    await harness.call(ContactsSubjects.delete, ctx, { id: deleted.id });

    const reasons = await until(
      async () =>
        Promise.all(
          [
            [dnd, toDnd],
            [stopped, toStopped],
            [deleted, toDeleted],
          ].map(([contact, message]) => messageOf(ctx, contact.id, message.id)),
        ),
      (messages) => messages.every((message) => message.status === 'canceled'),
    );
    expect(reasons.map((message) => message.schedule?.cancelReason)).toEqual(['dnd', 'opted_out', 'contact_deleted']);
    expect(reasons[0].statusTrail.at(-1)).toMatchObject({ status: 'canceled', reason: expect.stringContaining('Do Not Contact') });
    for (const message of [toDnd, toStopped, toDeleted]) expect(await carrier.sendsOf(message.id)).toEqual([]);
    const canceledEvents = await until(
      async () => watcher.events.filter((event) => event.type === MessagingEventTypes.messageCanceled),
      (events) => events.length === 3,
    );
    await watcher.stop();
    expect(canceledEvents.map((event) => (event.data as MessageEventData).message.schedule?.cancelReason).sort()).toEqual([
      'contact_deleted',
      'dnd',
      'opted_out',
    ]);
  });

  it('F38: a reply cancels at once the contact’s scheduled messages that asked for it; the others still go', async () => {
    const { ctx, sms, contact } = await tenantWithContact();
    const scheduledAt = inFromNow(2_500);
    const ifNoReply = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'Still coming?', scheduledAt, cancelIfReplied: true });
    const anyway = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'Your code is 1234', scheduledAt });
    const replyId = uniqueId('reply');
    await inbound(contact.phone as string, sms, 'Yes, on my way', replyId);
    expect(await messageOf(ctx, contact.id, ifNoReply.id)).toMatchObject({
      status: 'canceled',
      schedule: { cancelIfReplied: true, cancelReason: 'contact_replied' },
    });
    // Scheduled after the reply: the carrier delivering that reply's webhook again cancels nothing more.
    const afterReply = await send(ctx, contact.id, {
      channel: 'sms',
      from: sms,
      body: 'See you',
      scheduledAt: inFromNow(1_500),
      cancelIfReplied: true,
    });
    await inbound(contact.phone as string, sms, 'Yes, on my way', replyId);
    expect((await messageOf(ctx, contact.id, ifNoReply.id)).statusTrail).toHaveLength(2);
    expect((await messageOf(ctx, contact.id, afterReply.id)).status).toBe('scheduled');

    const [sent, alsoSent] = await until(
      () => Promise.all([messageOf(ctx, contact.id, anyway.id), messageOf(ctx, contact.id, afterReply.id)]),
      (messages) => messages.every((message) => message.status === 'delivered'),
    );
    expect([sent.status, alsoSent.status]).toEqual(['delivered', 'delivered']);
    expect(await carrier.sendsOf(ifNoReply.id)).toEqual([]);
    expect(await carrier.sendsOf(anyway.id)).toHaveLength(1);
  });
});
