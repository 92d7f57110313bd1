import {
  ContactsSubjects,
  type ContactView,
  type ConversationView,
  type MessageView,
  MessagingEventTypes,
  MessagingSubjects,
  type NumberOwnerView,
  type Page,
  type SenderNumberView,
  type SmsFromView,
} from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { demoPhone, eventually, MessagingHarness, senderNumber } from './harness';

describe('messaging service over NATS', () => {
  let harness: MessagingHarness;
  beforeAll(async () => {
    harness = await MessagingHarness.start();
  });
  afterAll(() => harness?.stop());

  /** A tenant with an SMS number, a WhatsApp number and one contact. */
  async function tenantWithContact(fields: Record<string, unknown> = {}) {
    const ctx = harness.context(uniqueId('tenant'));
    const sms = senderNumber();
    const whatsapp = senderNumber();
    await harness.addNumber(ctx.tenantId, sms, { sms: true, voice: true });
    await harness.addNumber(ctx.tenantId, whatsapp, { whatsapp: true }, 'WhatsApp');
    const contact = await harness.createContact(ctx, {
      firstName: 'Ana',
      lastName: 'Núñez',
      phone: demoPhone(),
      email: 'ana@example.com',
      ...fields,
    });
    return { ctx, sms, whatsapp, contact };
  }

  const send = (ctx: ReturnType<MessagingHarness['context']>, contactId: string, message: Record<string, unknown>) =>
    harness.call<MessageView>(MessagingSubjects.send, ctx, { contactId, message });
  const sendError = (ctx: ReturnType<MessagingHarness['context']>, contactId: string, message: Record<string, unknown>) =>
    harness.callError(MessagingSubjects.send, ctx, { contactId, message });
  const messagesOf = (ctx: ReturnType<MessagingHarness['context']>, contactId: string, page: Record<string, unknown> = {}) =>
    harness.call<Page<MessageView>>(MessagingSubjects.messagesList, ctx, { contactId, ...page });

  it('F31: lists the tenant’s numbers with capabilities, and only its own', async () => {
    const { ctx, sms, whatsapp } = await tenantWithContact();
    const numbers = await harness.call<SenderNumberView[]>(MessagingSubjects.numbersList, ctx);
    expect(numbers.map((number) => number.number).sort()).toEqual([sms, whatsapp].sort());
    expect(numbers.find((number) => number.number === sms)?.capabilities).toEqual({ sms: true, whatsapp: false, voice: true });
    expect(await harness.call<SenderNumberView[]>(MessagingSubjects.numbersList, harness.context(uniqueId('tenant')))).toEqual([]);
  });

  it('F32 inbound calls: a number resolves to the tenant that owns it, whoever asks; unknown or malformed numbers are clear errors', async () => {
    const { ctx, sms } = await tenantWithContact();
    const stranger = harness.context(uniqueId('tenant'));
    const owner = await harness.call<NumberOwnerView>(MessagingSubjects.numbersResolve, stranger, { number: sms });
    expect(owner).toEqual({
      tenantId: ctx.tenantId,
      number: expect.objectContaining({ number: sms, capabilities: { sms: true, whatsapp: false, voice: true } }),
    });
    // Plivo writes numbers without the +.
    expect((await harness.call<NumberOwnerView>(MessagingSubjects.numbersResolve, stranger, { number: sms.slice(1) })).tenantId).toBe(
      ctx.tenantId,
    );
    expect(await harness.callError(MessagingSubjects.numbersResolve, stranger, { number: senderNumber() })).toMatchObject({
      code: 'SENDER_NUMBER_NOT_FOUND',
    });
    expect(await harness.callError(MessagingSubjects.numbersResolve, stranger, { number: 'call me' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { number: [expect.any(String)] },
    });
    expect(await harness.callError(MessagingSubjects.numbersResolve, stranger, {})).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('F21: an SMS without a From number is refused with the guide’s message, and nothing is stored', async () => {
    const { ctx, contact } = await tenantWithContact();
    expect(await sendError(ctx, contact.id, { channel: 'sms', body: 'Hello' })).toMatchObject({
      code: 'FROM_NUMBER_REQUIRED',
      message: 'Select a From number in SMS Setting',
      fields: { from: ['Select a From number in SMS Setting'] },
    });
    expect((await messagesOf(ctx, contact.id)).items).toEqual([]);
  });

  it('F31: a From number that is not the tenant’s SMS number is refused, naming the field', async () => {
    const { ctx, contact, whatsapp } = await tenantWithContact();
    expect(await sendError(ctx, contact.id, { channel: 'sms', body: 'Hi', from: whatsapp })).toMatchObject({
      code: 'FROM_NUMBER_NOT_ALLOWED',
      fields: { from: [expect.any(String)] },
    });
    expect(await sendError(ctx, contact.id, { channel: 'sms', body: 'Hi', from: senderNumber() })).toMatchObject({
      code: 'FROM_NUMBER_NOT_ALLOWED',
    });
    expect(await harness.callError(MessagingSubjects.smsFromSet, ctx, { contactId: contact.id, from: whatsapp })).toMatchObject({
      code: 'FROM_NUMBER_NOT_ALLOWED',
    });
  });

  it('F22: DND for text or for all channels blocks sending on the server with a reason, and nothing is stored', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { sms: true } });
    expect(await sendError(ctx, contact.id, { channel: 'sms', body: 'Hi', from: sms })).toMatchObject({
      code: 'DND_BLOCKED',
      message: expect.stringContaining('text messages'),
      details: { dnd: 'sms' },
    });
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { sms: false, all: true } });
    expect(await sendError(ctx, contact.id, { channel: 'whatsapp', body: 'Hi' })).toMatchObject({
      code: 'DND_BLOCKED',
      message: expect.stringContaining('all channels'),
      details: { dnd: 'all' },
    });
    expect((await messagesOf(ctx, contact.id)).items).toEqual([]);
  });

  it('F24: placeholders are rendered per contact; an unknown one is named before anything is sent', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    const error = await sendError(ctx, contact.id, { channel: 'sms', from: sms, body: 'Hi {{contact.first_name}}, {{contact.nickname}}!' });
    expect(error).toMatchObject({
      code: 'UNKNOWN_PLACEHOLDER',
      fields: { body: [expect.stringContaining('{{contact.nickname}}')] },
      details: { unknown: ['contact.nickname'] },
    });
    const sent = await send(ctx, contact.id, {
      channel: 'sms',
      from: sms,
      body: 'Hi {{ contact.first_name }} {{contact.last_name}} from {{contact.company|our office}}',
    });
    expect(sent.body).toBe('Hi Ana Núñez from our office');
  });

  it('F21: an oversized body, bad fields and iMessage without a provider are refused with clear errors', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    expect(await sendError(ctx, contact.id, { channel: 'sms', from: sms, body: 'x'.repeat(1531) })).toMatchObject({
      code: 'MESSAGE_TOO_LONG',
      fields: { body: [expect.any(String)] },
      details: { segments: 11, limit: 10 },
    });
    expect(await sendError(ctx, contact.id, { channel: 'sms', from: sms, body: '😀'.repeat(336) })).toMatchObject({
      code: 'MESSAGE_TOO_LONG',
      details: { encoding: 'UCS-2' },
    });
    expect(await sendError(ctx, contact.id, { channel: 'fax', body: '', from: '12', extra: 1 })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        channel: [expect.any(String)],
        body: [expect.any(String)],
        from: [expect.any(String)],
        extra: ['extra is not a known field'],
      },
    });
    expect(await sendError(ctx, contact.id, { channel: 'imessage', body: 'Hi' })).toMatchObject({
      code: 'CHANNEL_NOT_CONFIGURED',
      message: expect.stringContaining('not configured'),
    });
    expect(await sendError(ctx, '65f0a1b2c3d4e5f6a7b8c9d0', { channel: 'sms', body: 'Hi', from: sms })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    expect((await messagesOf(ctx, contact.id)).items).toEqual([]);
  });

  it('F18/F23: a send answers at once with the queued message, updates the conversation and publishes events; a retried request sends nothing twice', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    const watcher = await harness.watchEvents(ctx.tenantId);
    const clientMessageId = `c-${uniqueId('m')}`;
    const first = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'See you at 5', clientMessageId });
    expect(first).toMatchObject({
      direction: 'outbound',
      channel: 'sms',
      status: 'queued',
      from: sms,
      to: contact.phone,
      segments: 1,
      clientMessageId,
      sentBy: 'u-test',
      statusTrail: [{ status: 'queued' }],
    });
    const again = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'See you at 5', clientMessageId });
    expect(again.id).toBe(first.id);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        send(ctx, contact.id, { channel: 'sms', from: sms, body: 'Twice?', clientMessageId: `${clientMessageId}-x` }),
      ),
    );
    expect(new Set(concurrent.map((message) => message.id)).size).toBe(1);
    expect((await messagesOf(ctx, contact.id)).items).toHaveLength(2);

    const conversations = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {});
    expect(conversations.items).toEqual([
      expect.objectContaining({
        contactId: contact.id,
        contact: { fullName: 'Ana Núñez', phone: contact.phone },
        lastMessagePreview: 'Twice?',
        lastMessageDirection: 'outbound',
        unreadCount: 0,
      }),
    ]);

    const types = (
      await eventually(
        () => watcher.events.map((event) => event.type),
        (seen) => seen.filter((type) => type === MessagingEventTypes.messageQueued).length >= 2,
      )
    ).filter((type) => type.startsWith('evt.messaging.'));
    await watcher.stop();
    expect(types.filter((type) => type === MessagingEventTypes.messageCreated)).toHaveLength(2);
    expect(types.filter((type) => type === MessagingEventTypes.messageQueued)).toHaveLength(2);
    expect(types).toContain(MessagingEventTypes.conversationUpdated);
  });

  it('F31: the SMS From choice is remembered per contact and used when a send names none', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    expect(await harness.call<SmsFromView>(MessagingSubjects.smsFromGet, ctx, { contactId: contact.id })).toEqual({
      contactId: contact.id,
      from: null,
      to: contact.phone,
    });
    expect(await harness.call<SmsFromView>(MessagingSubjects.smsFromSet, ctx, { contactId: contact.id, from: sms })).toEqual({
      contactId: contact.id,
      from: sms,
      to: contact.phone,
    });
    const sent = await send(ctx, contact.id, { channel: 'sms', body: 'Using the remembered number' });
    expect(sent.from).toBe(sms);
    expect(await harness.callError(MessagingSubjects.smsFromSet, ctx, { contactId: contact.id, from: 'nope' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { from: [expect.any(String)] },
    });
    // Set but the conversation has no messages yet → not in the Chat tab until one is sent.
    const other = await harness.createContact(ctx, { firstName: 'Quiet', phone: demoPhone('212') });
    await harness.call(MessagingSubjects.smsFromSet, ctx, { contactId: other.id, from: sms });
    const listed = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {});
    expect(listed.items.map((item) => item.contactId)).toEqual([contact.id]);
  });

  it('F14: a contact’s messages page newest first by cursor, without repeats', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) ids.push((await send(ctx, contact.id, { channel: 'sms', from: sms, body: `m${index}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<MessageView> = await messagesOf(ctx, contact.id, { limit: 3, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(await harness.callError(MessagingSubjects.messagesList, ctx, { contactId: contact.id, cursor: 'bogus' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { cursor: [expect.any(String)] },
    });
  });

  it('F6/F7: conversations are newest activity first and searchable by name or phone; a renamed contact is found by the new name', async () => {
    const { ctx, sms } = await tenantWithContact();
    const zoe = await harness.createContact(ctx, { firstName: 'Zoë', lastName: "O'Brien", phone: '+14155550142' });
    const bob = await harness.createContact(ctx, { firstName: 'Bob', lastName: 'Stone', phone: '+12125550143' });
    await send(ctx, zoe.id, { channel: 'sms', from: sms, body: 'first' });
    await send(ctx, bob.id, { channel: 'sms', from: sms, body: 'second' });
    const search = async (text: string) =>
      (await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, { search: text })).items.map(
        (item) => item.contactId,
      );
    expect(
      (await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {})).items.map((item) => item.contactId),
    ).toEqual([bob.id, zoe.id]);
    expect(await search('zoe')).toEqual([zoe.id]);
    expect(await search('obri')).toEqual([zoe.id]);
    expect(await search('(415) 555-0142')).toEqual([zoe.id]);
    expect(await search('5550143')).toEqual([bob.id]);
    expect(await search('+1415')).toEqual([zoe.id]);
    expect(await search('(212) 555-01')).toEqual([bob.id]);
    const page = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, { limit: 1 });
    const next = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {
      limit: 1,
      cursor: page.nextCursor,
    });
    expect([...page.items, ...next.items].map((item) => item.contactId)).toEqual([bob.id, zoe.id]);

    await harness.call<ContactView>(ContactsSubjects.update, ctx, { id: bob.id, changes: { firstName: 'Robert' } });
    expect(
      await eventually(
        () => search('robert'),
        (found) => found.length === 1,
      ),
    ).toEqual([bob.id]);
    expect(await search('bob')).toEqual([]);
  });

  it('F36: conversations, messages and SMS settings of another tenant are invisible', async () => {
    const { ctx, contact, sms } = await tenantWithContact();
    const sent = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'private' });
    const other = harness.context(uniqueId('tenant'));
    expect((await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, other, {})).items).toEqual([]);
    expect(await harness.callError(MessagingSubjects.messagesList, other, { contactId: contact.id })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    expect(await harness.callError(MessagingSubjects.retry, other, { messageId: sent.id })).toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect(await harness.callError(MessagingSubjects.smsFromGet, other, { contactId: contact.id })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    const conversation = (await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {})).items[0];
    expect(await harness.callError(MessagingSubjects.conversationsMarkRead, other, { conversationId: conversation.id })).toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
    });
    expect(
      await harness.callError(MessagingSubjects.send, other, { contactId: contact.id, message: { channel: 'sms', body: 'x', from: sms } }),
    ).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
  });

  describe('inbound (F6, F11, F25, F32)', () => {
    const inbound = (from: string, to: string, text: string, providerMessageId = uniqueId('uuid')) =>
      harness.call<{ messageId: string; duplicate: boolean; keyword: string | null }>(
        MessagingSubjects.carrierInbound,
        harness.context('carrier'),
        {
          carrier: 'plivo',
          providerMessageId,
          from: from.replace('+', ''),
          to: to.replace('+', ''),
          text,
          channel: 'sms',
        },
      );

    it('F6/F11: creates the contact on first contact, stores once per carrier id, counts unread; mark-as-read clears it', async () => {
      const ctx = harness.context(uniqueId('tenant'));
      const ours = senderNumber();
      await harness.addNumber(ctx.tenantId, ours);
      const phone = demoPhone('312');
      const results = await Promise.all(Array.from({ length: 5 }, () => inbound(phone, ours, 'Hello there', 'same-uuid-1')));
      expect(new Set(results.map((result) => result.messageId)).size).toBe(1);
      expect(results.filter((result) => !result.duplicate).length).toBeLessThanOrEqual(1);
      const conversations = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {});
      expect(conversations.items).toEqual([
        expect.objectContaining({
          contact: { fullName: phone, phone },
          unreadCount: 1,
          lastMessageDirection: 'inbound',
          lastMessagePreview: 'Hello there',
        }),
      ]);
      const messages = await messagesOf(ctx, conversations.items[0].contactId);
      expect(messages.items).toEqual([
        expect.objectContaining({ direction: 'inbound', status: 'received', from: phone, to: ours, body: 'Hello there', silenced: false }),
      ]);
      const read = await harness.call<ConversationView>(MessagingSubjects.conversationsMarkRead, ctx, {
        conversationId: conversations.items[0].id,
      });
      expect(read.unreadCount).toBe(0);
    });

    it('F25: STOP sets DND for text messages with when and how; START clears it; HELP queues the help reply', async () => {
      const { ctx, contact, sms } = await tenantWithContact();
      expect((await inbound(contact.phone as string, sms, ' stop ')).keyword).toBe('STOP');
      const stopped = await harness.call<ContactView>(ContactsSubjects.get, ctx, { id: contact.id });
      expect(stopped.dnd.sms).toBe(true);
      expect(stopped.dndHistory.at(-1)).toMatchObject({
        source: 'inbound-keyword',
        keyword: 'STOP',
        changes: { sms: true },
        at: expect.any(String),
      });
      expect(await sendError(ctx, contact.id, { channel: 'sms', from: sms, body: 'still there?' })).toMatchObject({ code: 'DND_BLOCKED' });

      await inbound(contact.phone as string, sms, 'START');
      const started = await harness.call<ContactView>(ContactsSubjects.get, ctx, { id: contact.id });
      expect(started.dnd.sms).toBe(false);
      expect(started.dndHistory.at(-1)).toMatchObject({ source: 'inbound-keyword', keyword: 'START', changes: { sms: false } });

      const helpId = uniqueId('help');
      await inbound(contact.phone as string, sms, 'HELP', helpId);
      await inbound(contact.phone as string, sms, 'HELP', helpId);
      const replies = (await messagesOf(ctx, contact.id)).items.filter((message) => message.automated);
      expect(replies).toEqual([
        expect.objectContaining({
          direction: 'outbound',
          status: 'queued',
          from: sms,
          to: contact.phone,
          body: expect.stringContaining('STOP'),
        }),
      ]);
    });

    it('F32: with DND inbound the message is stored, flagged, and raises no unread count or notification', async () => {
      const { ctx, contact, sms } = await tenantWithContact();
      await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { inboundCallsAndSms: true } });
      const watcher = await harness.watchEvents(ctx.tenantId);
      await inbound(contact.phone as string, sms, 'Are you there?');
      const messages = await messagesOf(ctx, contact.id);
      expect(messages.items).toEqual([expect.objectContaining({ direction: 'inbound', silenced: true })]);
      const created = await eventually(
        () => watcher.events.filter((event) => event.type === MessagingEventTypes.messageCreated),
        (events) => events.length > 0,
      );
      await watcher.stop();
      expect(created[0].data).toMatchObject({ notify: false });
      const conversations = await harness.call<Page<ConversationView>>(MessagingSubjects.conversationsList, ctx, {});
      expect(conversations.items[0].unreadCount).toBe(0);
    });

    it('answers SENDER_NUMBER_NOT_FOUND for a number no tenant owns', async () => {
      expect(
        await harness.callError(MessagingSubjects.carrierInbound, harness.context('carrier'), {
          carrier: 'plivo',
          providerMessageId: 'x',
          from: '14155550100',
          to: '19995550100',
          text: 'hi',
          channel: 'sms',
        }),
      ).toMatchObject({
        code: 'SENDER_NUMBER_NOT_FOUND',
      });
    });
  });

  describe('delivery reports and retry (F16, F40)', () => {
    const report = (message: MessageView, status: string, providerMessageId: string, errorCode: string | null = null, round = 1) =>
      harness.call<{ applied: boolean }>(MessagingSubjects.carrierStatus, harness.context('carrier'), {
        carrier: 'plivo',
        providerMessageId,
        status,
        errorCode,
        from: message.from.replace('+', ''),
        to: message.to.replace('+', ''),
        ref: `${message.id}.${round}`,
      });

    it('F16: out-of-order and repeated reports end in delivered; the status never moves backwards', async () => {
      const { ctx, contact, sms } = await tenantWithContact();
      const sent = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'order' });
      await report(sent, 'queued', 'p-1');
      await report(sent, 'delivered', 'p-1');
      expect((await report(sent, 'sent', 'p-1')).applied).toBe(false);
      await report(sent, 'delivered', 'p-1');
      await report(sent, 'failed', 'p-1', '30');
      const [message] = (await messagesOf(ctx, contact.id)).items;
      expect(message).toMatchObject({ status: 'delivered', providerMessageId: 'p-1', failureReason: null });
      expect(message.statusTrail.map((step) => step.status)).toEqual(['queued', 'delivered']);
    });

    it('F40: a failure carries a plain reason; retry starts one new round however often it is clicked; old reports are ignored', async () => {
      const { ctx, contact, sms } = await tenantWithContact();
      const sent = await send(ctx, contact.id, { channel: 'sms', from: sms, body: 'retry me' });
      await report(sent, 'sent', 'p-old');
      expect(await harness.callError(MessagingSubjects.retry, ctx, { messageId: sent.id })).toMatchObject({
        code: 'MESSAGE_NOT_RETRYABLE',
      });
      await report(sent, 'undelivered', 'p-old', '40');
      const [failed] = (await messagesOf(ctx, contact.id)).items;
      expect(failed).toMatchObject({
        status: 'undelivered',
        failureReason: expect.stringContaining('unreachable'),
        statusTrail: [{ status: 'queued' }, { status: 'sent' }, { status: 'undelivered', carrierCode: '40' }],
      });

      const retried = await Promise.all(
        Array.from({ length: 4 }, () => harness.call<MessageView>(MessagingSubjects.retry, ctx, { messageId: sent.id })),
      );
      expect(retried.every((message) => message.status === 'queued')).toBe(true);
      const [current] = (await messagesOf(ctx, contact.id)).items;
      expect(current.statusTrail.filter((step) => step.status === 'queued')).toHaveLength(2);
      expect(current.providerMessageId).toBeNull();
      // A late report of the first round changes nothing.
      expect((await report(sent, 'delivered', 'p-old')).applied).toBe(false);
      await report(sent, 'delivered', 'p-new', null, 2);
      expect((await messagesOf(ctx, contact.id)).items[0]).toMatchObject({ status: 'delivered', providerMessageId: 'p-new' });
    });
  });
});
