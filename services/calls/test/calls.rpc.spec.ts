import {
  type CallEventData,
  CallEventTypes,
  type CallRecordingSource,
  CallsSubjects,
  type CallView,
  ContactsSubjects,
  type ContactView,
  type DomainEvent,
  type Page,
  type RequestContext,
} from '@conversations/contracts';
import { decodeCursor } from '@conversations/service-kit';
import { uniqueId } from '@conversations/testing';
import mongoose from 'mongoose';
import { seedCallsDemo } from '../src/seed/seed';
import { CallSettingsService } from '../src/settings/call-settings.service';
import { CallsHarness, eventually, randomPhone, type SimulatedCall } from './harness';

describe('calls service over NATS, with the carrier simulator', () => {
  let harness: CallsHarness;
  beforeAll(async () => {
    harness = await CallsHarness.start();
  }, 120_000);
  afterAll(() => harness?.stop());

  interface Tenant {
    ctx: RequestContext;
    voiceNumber: string;
    smsOnlyNumber: string;
    userPhone: string;
  }

  /** A tenant with a voice number, an SMS-only number, and a signed-in user whose phone rings first. */
  async function tenant(options: { userPhone?: string | null } = {}): Promise<Tenant> {
    const tenantId = uniqueId('tenant');
    const userPhone = options.userPhone === undefined ? randomPhone() : options.userPhone;
    const userId = await harness.addTeamMember(tenantId, { name: 'Ana Ruiz', phone: userPhone });
    const voiceNumber = randomPhone();
    const smsOnlyNumber = randomPhone();
    await harness.addNumber(tenantId, voiceNumber, { sms: true, voice: true });
    await harness.addNumber(tenantId, smsOnlyNumber, { sms: true });
    return { ctx: harness.context(tenantId, userId), voiceNumber, smsOnlyNumber, userPhone: userPhone as string };
  }

  const contact = (ctx: RequestContext, fields: Record<string, unknown> = {}) =>
    harness.createContact(ctx, { firstName: 'Zoë', lastName: 'Núñez', phone: randomPhone(), ...fields });
  const start = (ctx: RequestContext, contactId: string, from: string) =>
    harness.call<CallView>(CallsSubjects.start, ctx, { contactId, from });
  const get = (ctx: RequestContext, callId: string) => harness.call<CallView>(CallsSubjects.get, ctx, { callId });
  const simulatedCalls = async () => (await harness.simulator<{ calls: SimulatedCall[] }>('GET', '/simulate/calls')).calls;
  const callsTo = async (phone: string) => (await simulatedCalls()).filter((call) => call.to === phone);
  const settled = (ctx: RequestContext, callId: string) =>
    eventually(
      () => get(ctx, callId),
      (call) =>
        ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(call.status) &&
        (call.status !== 'completed' || call.recording !== null || call.durationSeconds !== null),
      10_000,
    );

  describe('F13 click-to-call', () => {
    it('rings the user’s phone first from our number, bridges to the contact with recording, and ends completed with the talk time and the recording', async () => {
      const { ctx, voiceNumber, userPhone } = await tenant();
      await harness.setCallSettings(ctx.tenantId, { recordCalls: true });
      const person = await contact(ctx);
      const watcher = await harness.watchEvents(ctx.tenantId);

      const started = await start(ctx, person.id, voiceNumber);
      expect(started).toMatchObject({
        direction: 'outbound',
        status: 'initiated',
        from: voiceNumber,
        to: person.phone,
        userId: ctx.userId,
        contactId: person.id,
        contact: { fullName: 'Zoë Núñez', phone: person.phone },
        answered: false,
        durationSeconds: null,
        recording: null,
      });

      const done = await eventually(
        () => get(ctx, started.id),
        (call) => call.status === 'completed' && call.recording !== null,
        10_000,
      );
      expect(done).toMatchObject({
        status: 'completed',
        answered: true,
        durationSeconds: 37,
        outcomeReason: null,
        rejected: false,
        recording: { durationSeconds: 37, url: `/api/v1/calls/${started.id}/recording` },
      });
      expect(Date.parse(done.endedAt!) - Date.parse(done.answeredAt!)).toBe(37_000);

      // The carrier rang exactly one phone: the user's, with our number as caller id; then the contact's.
      const [carrierCall] = await eventually(
        () => callsTo(userPhone),
        (found) => found.length === 1 && !!found[0].endedAt,
      );
      expect(carrierCall).toMatchObject({
        direction: 'outbound',
        from: voiceNumber,
        to: userPhone,
        legs: [
          { leg: 'A', outcome: 'answer' },
          { leg: 'B', to: person.phone, outcome: 'answer' },
        ],
      });
      expect(done.providerCallId).toBe(carrierCall.callUuid);
      const answerXml = carrierCall.callbacks.find((callback) => callback.kind === 'answer')?.xml ?? '';
      expect(answerXml).toContain(`<Number>${person.phone}</Number>`);
      expect(answerXml).toContain(`callerId="${voiceNumber}"`);
      expect(answerXml).toContain(`/api/v1/webhooks/plivo/voice/dial?ref=${started.id}.contact`);
      expect(answerXml).toMatch(/<Record startOnDialAnswer="true"[^>]*callbackUrl="[^"]*\/voice\/recording\?ref=/);
      expect(carrierCall.callbacks.map((callback) => [callback.kind, callback.status])).toEqual([
        ['answer', 200],
        ['dial', 200],
        ['recording', 200],
        ['hangup', 200],
      ]);

      const source = await harness.call<CallRecordingSource>(CallsSubjects.recordingSource, ctx, { callId: started.id });
      expect(source).toEqual({ sourceUrl: carrierCall.recordings[0].url, contentType: 'audio/wav', durationSeconds: 37 });
      const audio = await fetch(source.sourceUrl, { headers: { range: 'bytes=0-3' } });
      expect([audio.status, Buffer.from(await audio.arrayBuffer()).toString('ascii')]).toEqual([206, 'RIFF']);

      const events = await eventually(
        () => watcher.events.filter((event) => event.type.startsWith('evt.calls.')) as DomainEvent<CallEventData>[],
        (seen) => seen.some((event) => event.data.call.recording),
      );
      await watcher.stop();
      expect(events[0]).toMatchObject({
        type: CallEventTypes.created,
        tenantId: ctx.tenantId,
        data: { callId: started.id, contactId: person.id, call: { status: 'initiated' } },
      });
      expect(events.slice(1).map((event) => [event.type, event.data.previousStatus ?? null, event.data.call.status])).toEqual([
        [CallEventTypes.updated, 'initiated', 'ringing'],
        [CallEventTypes.updated, 'ringing', 'completed'],
        [CallEventTypes.updated, null, 'completed'],
      ]);
    });

    it.each([
      [{ all: true }, 'all', 'all channels'],
      [{ calls: true }, 'calls', 'calls & voicemails'],
    ])('F32: DND %j refuses the call (DND_BLOCKED), nothing is dialled and nothing is stored', async (dnd, which, words) => {
      const { ctx, voiceNumber, userPhone } = await tenant();
      const person = await contact(ctx);
      await harness.call(ContactsSubjects.updateDnd, ctx, { id: person.id, changes: dnd });
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: voiceNumber })).toMatchObject({
        code: 'DND_BLOCKED',
        message: expect.stringContaining(words),
        details: { dnd: which },
      });
      // Give a wrongly placed call time to show up at the carrier.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await callsTo(userPhone)).toEqual([]);
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items).toEqual([]);
    });

    it('refuses, with a field message and before anything rings: a From that cannot call, a contact without phone, a user without phone, an unknown contact, bad input', async () => {
      const { ctx, voiceNumber, smsOnlyNumber, userPhone } = await tenant();
      const person = await contact(ctx);
      const fromError = { code: 'FROM_NUMBER_NOT_ALLOWED', fields: { from: [expect.stringContaining('numbers that can make calls')] } };
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: smsOnlyNumber })).toMatchObject(fromError);
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: randomPhone() })).toMatchObject(fromError);
      const other = await tenant();
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: other.voiceNumber })).toMatchObject(fromError);

      const phoneless = await contact(ctx, { phone: undefined, email: 'nophone@calls.test' });
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: phoneless.id, from: voiceNumber })).toMatchObject({
        code: 'CONTACT_HAS_NO_PHONE',
        fields: { to: [expect.any(String)] },
      });
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: '65f0a1b2c3d4e5f6a7b8c9d0', from: voiceNumber })).toMatchObject(
        { code: 'CONTACT_NOT_FOUND' },
      );
      expect(await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: '555-0100', extra: true })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { from: [expect.stringContaining('E.164')], extra: ['extra is not a known field'] },
      });

      const noPhone = await tenant({ userPhone: null });
      const theirs = await contact(noPhone.ctx);
      expect(await harness.callError(CallsSubjects.start, noPhone.ctx, { contactId: theirs.id, from: noPhone.voiceNumber })).toMatchObject({
        code: 'USER_HAS_NO_PHONE',
        fields: { user: [expect.any(String)] },
      });
      // Signed in as someone who is not a team member at all.
      expect(
        await harness.callError(CallsSubjects.start, harness.context(ctx.tenantId, 'u-stranger'), {
          contactId: person.id,
          from: voiceNumber,
        }),
      ).toMatchObject({ code: 'USER_HAS_NO_PHONE' });

      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await callsTo(userPhone)).toEqual([]);
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items).toEqual([]);
    });

    it('a carrier that refuses the call: CARRIER_REJECTED, and the call is kept as failed with the carrier’s reason', async () => {
      const { ctx, voiceNumber, userPhone } = await tenant();
      await harness.simulator('PUT', '/simulate/voice/outcomes', { [userPhone]: 'reject' });
      const person = await contact(ctx);
      const error = await harness.callError(CallsSubjects.start, ctx, { contactId: person.id, from: voiceNumber });
      expect(error).toMatchObject({
        code: 'CARRIER_REJECTED',
        message: expect.stringContaining('invalid destination number'),
        details: { callId: expect.any(String) },
      });
      const failed = await get(ctx, String(error.details?.callId));
      expect(failed).toMatchObject({
        status: 'failed',
        outcomeReason: expect.stringContaining('The carrier did not place the call'),
        answered: false,
      });
    });

    it.each([
      ['busy', 'busy', 'Line busy'],
      ['no-answer', 'no-answer', 'No answer'],
      ['failed', 'failed', 'Carrier failure: UNALLOCATED_NUMBER'],
    ])(
      'F8/F17: a contact who is %s ends the call %s with “%s”, no recording, no talk time; the user hears why',
      async (outcome, status, reason) => {
        const { ctx, voiceNumber, userPhone } = await tenant();
        await harness.setCallSettings(ctx.tenantId, { recordCalls: true });
        const person = await contact(ctx);
        await harness.simulator('PUT', '/simulate/voice/outcomes', { [person.phone as string]: outcome });
        const started = await start(ctx, person.id, voiceNumber);
        const done = await settled(ctx, started.id);
        expect(done).toMatchObject({ status, outcomeReason: reason, answered: false, durationSeconds: 0, recording: null });
        const [carrierCall] = await eventually(
          () => callsTo(userPhone),
          (found) => !!found[0]?.endedAt,
        );
        expect(carrierCall.spoken).toEqual([`${reason}.`]);
      },
    );

    it('F8: when the user does not answer their own phone, the contact is never dialled: no-answer “You did not answer your phone”', async () => {
      const { ctx, voiceNumber, userPhone } = await tenant();
      await harness.simulator('PUT', '/simulate/voice/outcomes', { [userPhone]: 'no-answer' });
      const person = await contact(ctx);
      const started = await start(ctx, person.id, voiceNumber);
      const done = await settled(ctx, started.id);
      expect(done).toMatchObject({
        status: 'no-answer',
        outcomeReason: 'You did not answer your phone',
        answered: false,
        durationSeconds: 0,
      });
      const [carrierCall] = await eventually(
        () => callsTo(userPhone),
        (found) => !!found[0]?.endedAt,
      );
      expect(carrierCall.legs).toEqual([expect.objectContaining({ leg: 'A', outcome: 'no-answer' })]);
      expect(carrierCall.callbacks.map((callback) => callback.kind)).toEqual(['hangup']);
    });
  });

  describe('carrier callbacks', () => {
    it('the user’s answer gets Dial XML with the contact’s number (Record only when the tenant records); a repeat gets the same XML and changes nothing', async () => {
      const { ctx } = await tenant();
      const person = await contact(ctx);
      const call = await harness.insertCall(ctx.tenantId, person, { from: '+14155550100' });
      const id = String(call._id);
      const answer = {
        providerCallId: 'a-leg-1',
        from: '14155550100',
        to: '14155550111',
        direction: 'outbound' as const,
        ref: `${id}.agent`,
      };
      const first = await harness.carrierAnswer(answer);
      expect(first.applied).toBe(true);
      expect(first.xml).toBe(
        `<Response><Dial callerId="+14155550100" action="${harness.config.PUBLIC_WEBHOOK_BASE_URL}/api/v1/webhooks/plivo/voice/dial?ref=${id}.contact" method="POST" timeout="30" redirect="true"><Number>${person.phone}</Number></Dial></Response>`,
      );
      expect(await get(ctx, id)).toMatchObject({ status: 'ringing', providerCallId: 'a-leg-1' });
      expect(await harness.carrierAnswer(answer)).toEqual({ xml: first.xml, applied: false });
      // Another carrier call claiming to be this one's user leg is not ours.
      expect(await harness.carrierError(CallsSubjects.carrierAnswer, { ...answer, providerCallId: 'a-leg-2' })).toMatchObject({
        code: 'CALL_NOT_FOUND',
      });

      await harness.setCallSettings(ctx.tenantId, { recordCalls: true });
      const recorded = await harness.insertCall(ctx.tenantId, person);
      const { xml } = await harness.carrierAnswer({ ...answer, providerCallId: 'a-leg-3', ref: `${recorded._id}.agent` });
      expect(xml).toContain(
        `<Record startOnDialAnswer="true" redirect="false" maxLength="14400" callbackUrl="${harness.config.PUBLIC_WEBHOOK_BASE_URL}/api/v1/webhooks/plivo/voice/recording?ref=${recorded._id}" callbackMethod="POST"/>`,
      );
    });

    it('F16-style idempotency: repeated and late callbacks never regress a final status and publish nothing', async () => {
      const { ctx } = await tenant();
      const person = await contact(ctx);
      const call = await harness.insertCall(ctx.tenantId, person, {
        status: 'ringing',
        providerCallId: 'a-leg-10',
        providerCallKey: 'a-leg-10',
      });
      const id = String(call._id);
      const watcher = await harness.watchEvents(ctx.tenantId);
      const dial = {
        event: 'dial' as const,
        providerCallId: 'a-leg-10',
        status: 'completed',
        durationSeconds: 90,
        hangupCause: 'NORMAL_CLEARING',
        dialLegCallId: 'b-leg-10',
        ref: `${id}.contact`,
      };
      expect(await harness.carrierStatus(dial)).toEqual({ xml: '<Response/>', applied: true });
      expect(await harness.carrierStatus(dial)).toEqual({ xml: '<Response/>', applied: false });
      expect(await harness.carrierStatus({ ...dial, status: 'busy' })).toMatchObject({ applied: false });
      expect(
        await harness.carrierStatus({
          event: 'hangup',
          providerCallId: 'a-leg-10',
          status: 'no-answer',
          durationSeconds: 0,
          ref: `${id}.agent`,
        }),
      ).toEqual({ xml: '<Response/>', applied: false });
      // Concurrent duplicates of a first report: one applies.
      const second = await harness.insertCall(ctx.tenantId, person, {
        status: 'ringing',
        providerCallId: 'a-leg-11',
        providerCallKey: 'a-leg-11',
      });
      const burst = await Promise.all(
        Array.from({ length: 5 }, () =>
          harness.carrierStatus({ ...dial, providerCallId: 'a-leg-11', status: 'busy', ref: `${second._id}.contact` }),
        ),
      );
      expect(burst.filter((answer) => answer.applied)).toHaveLength(1);

      expect(await get(ctx, id)).toMatchObject({ status: 'completed', answered: true, durationSeconds: 90 });
      expect(await get(ctx, String(second._id))).toMatchObject({ status: 'busy', outcomeReason: 'Line busy' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await watcher.stop();
      const updates = watcher.events.filter((event) => event.type === CallEventTypes.updated) as DomainEvent<CallEventData>[];
      expect(updates.map((event) => [event.data.callId, event.data.call.status])).toEqual([
        [id, 'completed'],
        [String(second._id), 'busy'],
      ]);
    });

    it('F17: a recording is stored once (by RecordingID), then served to its tenant as the gateway path; a call without one is RECORDING_NOT_FOUND', async () => {
      const { ctx } = await tenant();
      const person = await contact(ctx);
      const call = await harness.insertCall(ctx.tenantId, person, {
        status: 'completed',
        answered: true,
        durationSeconds: 20,
        providerCallId: 'a-leg-20',
        providerCallKey: 'a-leg-20',
      });
      const id = String(call._id);
      expect(await harness.callError(CallsSubjects.recordingSource, ctx, { callId: id })).toMatchObject({ code: 'RECORDING_NOT_FOUND' });
      const recording = {
        providerCallId: 'a-leg-20',
        recordingId: 'rec-1',
        recordingUrl: 'https://media.example.test/rec-1.mp3',
        durationSeconds: 19.6,
        ref: id,
      };
      expect(await harness.carrierRecording(recording)).toEqual({ xml: '<Response/>', applied: true });
      expect(await harness.carrierRecording(recording)).toMatchObject({ applied: false });
      expect(
        await harness.carrierRecording({ ...recording, recordingId: 'rec-2', recordingUrl: 'https://media.example.test/rec-2.mp3' }),
      ).toMatchObject({ applied: false });
      expect((await get(ctx, id)).recording).toEqual({ durationSeconds: 20, url: `/api/v1/calls/${id}/recording` });
      expect(await harness.call(CallsSubjects.recordingSource, ctx, { callId: id })).toEqual({
        sourceUrl: 'https://media.example.test/rec-1.mp3',
        contentType: 'audio/mpeg',
        durationSeconds: 20,
      });
      expect(
        await harness.carrierError(CallsSubjects.carrierRecording, { ...recording, recordingUrl: 'javascript:alert(1)' }),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: { recordingUrl: [expect.any(String)] } });
      // The recording of another carrier call is not this call's.
      expect(await harness.carrierError(CallsSubjects.carrierRecording, { ...recording, providerCallId: 'someone-else' })).toMatchObject({
        code: 'CALL_NOT_FOUND',
      });
    });

    it('webhooks naming no call of ours are CALL_NOT_FOUND or VALIDATION_FAILED, never an internal error', async () => {
      const { ctx } = await tenant();
      const person = await contact(ctx);
      const call = await harness.insertCall(ctx.tenantId, person, {
        status: 'ringing',
        providerCallId: 'a-leg-30',
        providerCallKey: 'a-leg-30',
      });
      const status = { event: 'dial', providerCallId: 'a-leg-30', status: 'completed', durationSeconds: 1 };
      const cases: Array<[string, unknown, string]> = [
        [CallsSubjects.carrierStatus, { ...status, ref: '65f0a1b2c3d4e5f6a7b8c9d0.contact' }, 'CALL_NOT_FOUND'],
        [CallsSubjects.carrierStatus, { ...status, ref: 'not-a-ref' }, 'CALL_NOT_FOUND'],
        // An outbound call's Dial report names the contact leg, not the user's.
        [CallsSubjects.carrierStatus, { ...status, ref: `${call._id}.agent` }, 'CALL_NOT_FOUND'],
        [CallsSubjects.carrierStatus, { ...status, ref: null }, 'CALL_NOT_FOUND'],
        [CallsSubjects.carrierStatus, { ...status, event: 'exploded', ref: `${call._id}.contact` }, 'VALIDATION_FAILED'],
        [CallsSubjects.carrierAnswer, { providerCallId: 'x', from: '1', to: '2', direction: 'outbound', ref: null }, 'CALL_NOT_FOUND'],
        [
          CallsSubjects.carrierAnswer,
          { providerCallId: 'x', from: '13125550199', to: randomPhone(), direction: 'inbound', ref: null },
          'SENDER_NUMBER_NOT_FOUND',
        ],
        [CallsSubjects.carrierAnswer, { from: '1' }, 'VALIDATION_FAILED'],
        [
          CallsSubjects.carrierRecording,
          { providerCallId: 'a-leg-30', recordingId: 'r', recordingUrl: 'https://x.test/r.wav', durationSeconds: 3, ref: null },
          'CALL_NOT_FOUND',
        ],
      ];
      for (const [subject, data, code] of cases)
        expect([subject, await harness.carrierError(subject, data)]).toEqual([subject, expect.objectContaining({ code })]);
      // A carrier word that is not an outcome changes nothing.
      expect(await harness.carrierStatus({ ...status, status: 'ringing', ref: `${call._id}.contact` } as never)).toMatchObject({
        applied: false,
      });
    });
  });

  describe('F32 inbound calls', () => {
    it('a contact with DND inbound is rejected (Hangup reason rejected) and the call is recorded as such', async () => {
      const { ctx, voiceNumber } = await tenant();
      const caller = await contact(ctx, { firstName: 'Blocked', lastName: 'Caller' });
      await harness.call(ContactsSubjects.updateDnd, ctx, { id: caller.id, changes: { inboundCallsAndSms: true } });
      const carrierCall = await harness.simulator<SimulatedCall>('POST', '/simulate/inbound-call', { from: caller.phone, to: voiceNumber });
      expect(carrierCall.callbacks.map((callback) => [callback.kind, callback.status, callback.xml])).toEqual([
        ['answer', 200, '<Response><Hangup reason="rejected"/></Response>'],
        ['hangup', 200, null],
      ]);
      const [stored] = (await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items;
      expect(stored).toMatchObject({
        direction: 'inbound',
        from: caller.phone,
        to: voiceNumber,
        contactId: caller.id,
        status: 'canceled',
        rejected: true,
        answered: false,
        outcomeReason: 'Rejected: the contact has Do Not Contact for inbound calls',
        providerCallId: carrierCall.callUuid,
        durationSeconds: 0,
      });
    });

    it('rings the assigned team member with the caller’s number shown, records when enabled, and ends completed; a new caller becomes a contact', async () => {
      const { ctx, voiceNumber } = await tenant();
      await harness.setCallSettings(ctx.tenantId, { recordCalls: true });
      const memberPhone = randomPhone();
      const memberId = await harness.addTeamMember(ctx.tenantId, { name: 'Ben Carter', phone: memberPhone });
      const caller = await contact(ctx);
      await harness.call(ContactsSubjects.assign, ctx, { id: caller.id, assignment: { type: 'user', userId: memberId } });
      const carrierCall = await harness.simulator<SimulatedCall>('POST', '/simulate/inbound-call', {
        from: caller.phone,
        to: voiceNumber,
        answer: 'answer',
        talkSeconds: 64,
      });
      expect(carrierCall.legs.map((leg) => [leg.leg, leg.to, leg.outcome])).toEqual([
        ['A', voiceNumber, 'answer'],
        ['B', memberPhone, 'answer'],
      ]);
      const answerXml = carrierCall.callbacks[0].xml ?? '';
      expect(answerXml).toContain(`<Dial callerId="${caller.phone}"`);
      expect(answerXml).toContain(`<Number>${memberPhone}</Number>`);
      const [stored] = (await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items;
      expect(stored).toMatchObject({
        direction: 'inbound',
        status: 'completed',
        answered: true,
        durationSeconds: 64,
        userId: memberId,
        contactId: caller.id,
        recording: { durationSeconds: 64 },
      });

      // Someone we have never heard from: found-or-created by phone, rings the default number (nobody is assigned).
      await harness.setCallSettings(ctx.tenantId, { defaultNumber: '+14155550123', recordCalls: false });
      const stranger = randomPhone();
      const second = await harness.simulator<SimulatedCall>('POST', '/simulate/inbound-call', {
        from: stranger,
        to: voiceNumber,
        answer: 'answer',
      });
      expect(second.legs[1]).toMatchObject({ to: '+14155550123', outcome: 'answer' });
      const page = await harness.call<Page<CallView>>(CallsSubjects.list, ctx, { search: stranger });
      expect(page.items).toEqual([
        expect.objectContaining({ status: 'completed', userId: null, contact: { fullName: stranger, phone: stranger }, recording: null }),
      ]);
    });

    it('nobody answers: the caller gets voicemail, the message is stored as the call’s recording; without voicemail the caller is told and the call ends', async () => {
      const { ctx, voiceNumber } = await tenant();
      await harness.setCallSettings(ctx.tenantId, {
        defaultNumber: '+14155550124',
        voicemail: true,
        voicemailGreeting: 'You reached Acme. Leave a message.',
      });
      const caller = await contact(ctx);
      const carrierCall = await harness.simulator<SimulatedCall>('POST', '/simulate/inbound-call', {
        from: caller.phone,
        to: voiceNumber,
        answer: 'no-answer',
        talkSeconds: 15,
      });
      expect(carrierCall.spoken).toEqual(['You reached Acme. Leave a message.', 'Thank you. Goodbye.']);
      const [stored] = (await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items;
      expect(stored).toMatchObject({
        status: 'no-answer',
        outcomeReason: 'Missed call: no one answered; the caller was sent to voicemail',
        answered: false,
        recording: { durationSeconds: 15 },
      });

      await harness.setCallSettings(ctx.tenantId, { voicemail: false });
      const busy = await harness.simulator<SimulatedCall>('POST', '/simulate/inbound-call', {
        from: caller.phone,
        to: voiceNumber,
        answer: 'busy',
      });
      expect(busy.spoken).toEqual(['Sorry, no one is available to take your call. Goodbye.']);
      const latest = (await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items[0];
      expect(latest).toMatchObject({ status: 'busy', outcomeReason: 'Line busy', recording: null });
    });

    it('a repeated answer webhook creates one call and answers the same XML', async () => {
      const { ctx, voiceNumber } = await tenant();
      await harness.setCallSettings(ctx.tenantId, { defaultNumber: '+14155550125' });
      const caller = await contact(ctx);
      const answer = {
        providerCallId: uniqueId('in-leg'),
        from: (caller.phone as string).slice(1),
        to: voiceNumber.slice(1),
        direction: 'inbound' as const,
        ref: null,
      };
      const answers = await Promise.all(Array.from({ length: 4 }, () => harness.carrierAnswer(answer)));
      expect(new Set(answers.map((each) => each.xml)).size).toBe(1);
      expect(answers.filter((each) => each.applied)).toHaveLength(1);
      expect(answers[0].xml).toContain('<Number>+14155550125</Number>');
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items).toHaveLength(1);
      // Its hangup (Plivo's number-level hangup URL carries no ref of ours) is found by CallUUID.
      expect(
        await harness.carrierStatus({
          event: 'hangup',
          providerCallId: answer.providerCallId,
          status: 'completed',
          durationSeconds: 0,
          ref: null,
        }),
      ).toMatchObject({ applied: true });
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, ctx, {})).items[0]).toMatchObject({
        status: 'canceled',
        outcomeReason: 'The caller hung up before anyone answered',
      });
    });
  });

  describe('F8/F9/F14 lists', () => {
    async function tenantWithCalls(count: number) {
      const { ctx } = await tenant();
      const people = [
        await contact(ctx, { firstName: 'José', lastName: 'García-López' }),
        await contact(ctx, { firstName: 'Renée', lastName: 'Dvořák' }),
        await contact(ctx, { firstName: 'Bob', lastName: 'Stone' }),
      ];
      const base = Date.parse('2026-02-01T12:00:00.000Z');
      const ids: string[] = [];
      for (let index = 0; index < count; index++) {
        // Pairs share an instant: the id breaks the tie, as in the timeline merge.
        const startedAt = new Date(base + Math.floor(index / 2) * 60_000);
        ids.push(String((await harness.insertCall(ctx.tenantId, people[index % 3], { startedAt, status: 'completed' }))._id));
      }
      return { ctx, people, ids };
    }

    const listAll = async (ctx: RequestContext, subject: string, query: Record<string, unknown>, between?: () => Promise<unknown>) => {
      const seen: CallView[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<CallView> = await harness.call(subject, ctx, { ...query, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        if (cursor) expect(decodeCursor(cursor)).toEqual({ sortValue: new Date(page.items.at(-1)!.startedAt), id: expect.anything() });
        await between?.();
      } while (cursor);
      return seen;
    };
    const newestFirst = (a: CallView, b: CallView) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1);

    it('F8: newest first by (startedAt, id) cursor; calls placed while paging never shift or repeat a row', async () => {
      const { ctx, people, ids } = await tenantWithCalls(23);
      const seen = await listAll(ctx, CallsSubjects.list, { limit: 4 }, () =>
        harness.insertCall(ctx.tenantId, people[0], { startedAt: new Date() }),
      );
      expect(seen).toHaveLength(23);
      expect(new Set(seen.map((call) => call.id)).size).toBe(23);
      expect(seen.map((call) => call.id).sort()).toEqual([...ids].sort());
      expect([...seen].sort(newestFirst)).toEqual(seen);
      expect(await harness.callError(CallsSubjects.list, ctx, { cursor: 'bogus' })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { cursor: [expect.any(String)] },
      });
      expect(await harness.callError(CallsSubjects.list, ctx, { limit: 500 })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { limit: [expect.any(String)] },
      });
    });

    it('F9: searches by any name word prefix (case and accents ignored) or by the number in any format', async () => {
      const { ctx, people } = await tenantWithCalls(9);
      const names = async (search: string) => [
        ...new Set((await listAll(ctx, CallsSubjects.list, { search, limit: 2 })).map((call) => call.contact.fullName)),
      ];
      expect(await names('garcia')).toEqual(['José García-López']);
      expect(await names('LOP')).toEqual(['José García-López']);
      expect(await names('rene dvo')).toEqual(['Renée Dvořák']);
      expect(await names('zzz')).toEqual([]);
      const phone = people[2].phone as string;
      const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
      // The start of the number, area code first, with and without the country code (long enough to be unique here).
      const start = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}`;
      for (const typed of [phone, national, phone.slice(-7), start, phone.slice(0, 10)])
        expect([typed, await names(typed)]).toEqual([typed, ['Bob Stone']]);
    });

    it('F14: one contact’s calls page by the same cursor as its messages, newest first; a contact of another tenant is CONTACT_NOT_FOUND', async () => {
      const { ctx, people } = await tenantWithCalls(14);
      const all = await listAll(ctx, CallsSubjects.list, { limit: 100 });
      const mine = await listAll(ctx, CallsSubjects.listForContact, { contactId: people[1].id, limit: 2 });
      expect(mine.map((call) => call.id)).toEqual(all.filter((call) => call.contactId === people[1].id).map((call) => call.id));
      const quiet = await contact(ctx);
      expect(await harness.call(CallsSubjects.listForContact, ctx, { contactId: quiet.id })).toEqual({ items: [], nextCursor: null });
      const other = await tenant();
      expect(await harness.callError(CallsSubjects.listForContact, other.ctx, { contactId: people[1].id })).toMatchObject({
        code: 'CONTACT_NOT_FOUND',
      });
      expect(await harness.callError(CallsSubjects.listForContact, ctx, { contactId: 'nope' })).toMatchObject({
        code: 'CONTACT_NOT_FOUND',
      });
    });

    it('F36: another tenant can neither get, list, search nor stream a call', async () => {
      const { ctx, ids } = await tenantWithCalls(3);
      const other = await tenant();
      expect(await harness.callError(CallsSubjects.get, other.ctx, { callId: ids[0] })).toMatchObject({ code: 'CALL_NOT_FOUND' });
      expect(await harness.callError(CallsSubjects.recordingSource, other.ctx, { callId: ids[0] })).toMatchObject({
        code: 'CALL_NOT_FOUND',
      });
      expect(await harness.callError(CallsSubjects.get, other.ctx, { callId: 'not-an-id' })).toMatchObject({ code: 'CALL_NOT_FOUND' });
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, other.ctx, {})).items).toEqual([]);
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, other.ctx, { search: 'garcia' })).items).toEqual([]);
      expect((await get(ctx, ids[0])).id).toBe(ids[0]);
    });

    it('F26: renaming a contact renames every call in the Calls tab and its search; a deleted contact’s calls leave the tab', async () => {
      const { ctx, people, ids } = await tenantWithCalls(6);
      const renamed = people[0];
      await harness.call<ContactView>(ContactsSubjects.update, ctx, {
        id: renamed.id,
        changes: { firstName: 'Joseph', lastName: 'Garner' },
      });
      const found = await eventually(
        () => harness.call<Page<CallView>>(CallsSubjects.list, ctx, { search: 'garner' }),
        (page) => page.items.length === 2,
        10_000,
      );
      expect(found.items.map((call) => call.contact.fullName)).toEqual(['Joseph Garner', 'Joseph Garner']);
      expect((await harness.call<Page<CallView>>(CallsSubjects.list, ctx, { search: 'garcia' })).items).toEqual([]);

      await harness.call(ContactsSubjects.delete, ctx, { id: people[1].id });
      const remaining = await eventually(
        () => harness.call<Page<CallView>>(CallsSubjects.list, ctx, { limit: 100 }),
        (page) => page.items.length === 4,
        10_000,
      );
      expect(remaining.items.every((call) => call.contactId !== people[1].id)).toBe(true);
      // The record stays.
      const deletedsCall = ids[1];
      expect((await get(ctx, deletedsCall)).contactId).toBe(people[1].id);
    });
  });
});

describe('demo seed', () => {
  let harness: CallsHarness;
  beforeAll(async () => {
    harness = await CallsHarness.start();
    await harness.seedPeers();
  }, 180_000);
  afterAll(() => harness?.stop());

  it('gives both demo tenants call settings and a few hundred calls with their contacts, some recorded; a second run changes nothing', async () => {
    const connection = await mongoose.createConnection(harness.config.MONGO_URL, { dbName: harness.config.MONGO_DB }).asPromise();
    try {
      const peers = { natsUrl: harness.config.NATS_URL, namespace: harness.config.NATS_NAMESPACE };
      const first = await seedCallsDemo(connection, peers, harness.simulatorUrl);
      expect(first).toEqual([
        { tenant: 'acme', calls: 240, recordings: expect.any(Number) },
        { tenant: 'globex', calls: 120, recordings: expect.any(Number) },
      ]);
      expect(first.every((summary) => summary.recordings > 0)).toBe(true);
      const stored = async () =>
        connection
          .collection('calls')
          .find({}, { projection: { _id: 1, updatedAt: 1, status: 1 } })
          .sort({ _id: 1 })
          .toArray();
      const before = await stored();
      expect(before).toHaveLength(360);
      await seedCallsDemo(connection, peers, harness.simulatorUrl, Date.now() + 86_400_000);
      expect(await stored()).toEqual(before);

      const acme = harness.context('acme', 'u-ana');
      expect(await harness.service.app.get(CallSettingsService).get('acme')).toMatchObject({
        recordCalls: true,
        defaultNumber: '+14155550111',
      });
      const page = await harness.call<Page<CallView>>(CallsSubjects.list, acme, { limit: 100 });
      expect(page.items).toHaveLength(100);
      expect(new Set(page.items.map((call) => call.status)).size).toBeGreaterThanOrEqual(4);
      expect(new Set(page.items.map((call) => call.direction))).toEqual(new Set(['inbound', 'outbound']));
      const recorded = page.items.find((call) => call.recording);
      const source = await harness.call<CallRecordingSource>(CallsSubjects.recordingSource, acme, { callId: recorded!.id });
      const audio = await fetch(source.sourceUrl, { headers: { range: 'bytes=0-11' } });
      expect([audio.status, Buffer.from(await audio.arrayBuffer()).toString('ascii', 8, 12)]).toEqual([206, 'WAVE']);
      // The seeded contacts' names are searchable on the Calls tab.
      const name = page.items[0].contact.fullName.split(' ')[0];
      const found = await harness.call<Page<CallView>>(CallsSubjects.list, acme, { search: name });
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.every((call) => call.contact.fullName.toLowerCase().includes(name.toLowerCase().slice(0, 3)))).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
