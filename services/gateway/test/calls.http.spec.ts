import { CallEventTypes, type CallView, type ContactView, type MessageView, type Page, type TimelineItem } from '@conversations/contracts';
import { request as httpRequest } from 'node:http';
import { eventually, EventStreamReader, GatewayUnderTest, type MessagingBackend, seedDemoData, startMessagingBackend } from './harness';

const ACME_VOICE = '+14155550100';
const ACME_WHATSAPP_ONLY_VOICELESS = '+14155550101';
/** The demo user u-ana's phone (team member profile): click-to-call rings it first. */
const ANA_PHONE = '+14155550111';

interface SimulatedCall {
  callUuid: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  ref: string | null;
  legs: { leg: 'A' | 'B'; from: string; to: string; outcome: string }[];
  callbacks: { kind: string; status: number; xml: string | null }[];
  recordings: { recordingId: string; url: string }[];
  endedAt: string | null;
}

/** Calls end to end: gateway → calls service → Plivo SDK → simulator → signed voice webhooks → gateway → calls → SSE. */
describe('gateway: calls, recordings and the timeline through the carrier simulator', () => {
  let backend: MessagingBackend;
  let gateway: GatewayUnderTest;
  const open: EventStreamReader[] = [];
  let phoneSequence = 10;

  beforeAll(async () => {
    backend = await startMessagingBackend({ simulator: { API_DELAY_MS: '2', VOICE_STEP_DELAY_MS: '20', TALK_SECONDS: '7' }, calls: {} });
    await seedDemoData(backend);
    gateway = await GatewayUnderTest.start(backend, backend.gatewayOverrides);
  }, 180_000);
  afterEach(async () => {
    for (const reader of open.splice(0)) reader.close();
    await simulator.put('/simulate/voice/outcomes', null, 'DELETE');
    await simulator.put('/simulate/config', { agentAnswers: true, contactOutcome: 'answer' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  const simulator = {
    calls: async (): Promise<SimulatedCall[]> =>
      ((await (await fetch(`${backend.simulatorUrl}/simulate/calls`)).json()) as { calls: SimulatedCall[] }).calls,
    put: async (path: string, body: unknown, method = 'PUT') => {
      const response = await fetch(`${backend.simulatorUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === null ? {} : { body: JSON.stringify(body) }),
      });
      return response.json() as Promise<Record<string, unknown>>;
    },
    post: async <T>(path: string, body: unknown): Promise<T> => {
      const response = await fetch(`${backend.simulatorUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<T>;
    },
  };

  async function newContact(
    tenantId = 'acme',
    fields: Record<string, unknown> = {},
  ): Promise<{ auth: { Authorization: string }; contact: ContactView }> {
    const auth = await gateway.as(tenantId, 'u-ana');
    const phone = `+1773555${String(1000 + phoneSequence++).padStart(4, '0')}`;
    const contact = (
      await gateway
        .http()
        .post('/api/v1/contacts')
        .set(auth)
        .send({ firstName: 'Rosa', lastName: `Caller${phoneSequence}`, phone, ...fields })
        .expect(201)
    ).body as ContactView;
    return { auth, contact };
  }

  const callOf = async (auth: { Authorization: string }, id: string): Promise<CallView> =>
    (await gateway.http().get(`/api/v1/calls/${id}`).set(auth).expect(200)).body as CallView;
  const finalCall = (auth: { Authorization: string }, id: string) =>
    eventually(
      () => callOf(auth, id),
      (call) =>
        ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(call.status) &&
        (call.status !== 'completed' || call.recording !== null),
      15_000,
    );
  const simulatedCallFor = async (ref: string): Promise<SimulatedCall> =>
    (await eventually(
      async () => (await simulator.calls()).find((call) => call.ref?.startsWith(ref)),
      (call) => !!call?.endedAt,
      15_000,
    )) as SimulatedCall;

  it('F13/F17: click-to-call rings the user, then the contact; the call completes with duration and a recording; live over SSE', async () => {
    const { auth, contact } = await newContact();
    const reader = await EventStreamReader.open(`${gateway.url}/api/v1/events`, auth);
    open.push(reader);
    const placed = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    expect(placed).toMatchObject({
      contactId: contact.id,
      direction: 'outbound',
      from: ACME_VOICE,
      to: contact.phone,
      status: 'initiated',
      userId: 'u-ana',
      answered: false,
    });

    const done = await finalCall(auth, placed.id);
    expect(done).toMatchObject({
      status: 'completed',
      answered: true,
      durationSeconds: 7,
      outcomeReason: null,
      recording: { url: `/api/v1/calls/${placed.id}/recording` },
    });
    const simulated = await simulatedCallFor(placed.id);
    // The carrier rang Ana's phone first (A leg), showing our number, then dialled the contact (B leg).
    expect(simulated.legs).toEqual([
      expect.objectContaining({ leg: 'A', to: ANA_PHONE, outcome: 'answer' }),
      expect.objectContaining({ leg: 'B', to: contact.phone, outcome: 'answer' }),
    ]);
    expect(simulated.callbacks.filter((callback) => callback.status !== 200)).toEqual([]);
    expect(simulated.callbacks.find((callback) => callback.kind === 'answer')?.xml).toContain(`<Number>${contact.phone}</Number>`);

    const statuses = () =>
      reader.events
        .filter((event) => event.event === CallEventTypes.updated && (event.data.data as { callId: string }).callId === placed.id)
        .map((event) => (event.data.data as { call: CallView }).call.status);
    await eventually(
      async () => statuses(),
      (seen) => seen.includes('completed'),
      10_000,
    );
    expect(
      reader.events.filter(
        (event) => event.event === CallEventTypes.created && (event.data.data as { callId: string }).callId === placed.id,
      ),
    ).toHaveLength(1);

    // F8/F9: the Calls tab finds it by name and by number in another format.
    const byName = (
      await gateway
        .http()
        .get(`/api/v1/calls?search=${encodeURIComponent(contact.lastName ?? '')}`)
        .set(auth)
        .expect(200)
    ).body as Page<CallView>;
    expect(byName.items.map((call) => call.id)).toEqual([placed.id]);
    const digits = contact.phone!.slice(-7);
    const byPhone = (
      await gateway
        .http()
        .get(`/api/v1/calls?search=${digits.slice(0, 3)}-${digits.slice(3)}`)
        .set(auth)
        .expect(200)
    ).body as Page<CallView>;
    expect(byPhone.items.map((call) => call.id)).toContain(placed.id);
  });

  it.each([
    ['busy', 'busy'],
    ['no-answer', 'no-answer'],
    ['failed', 'failed'],
  ])('F13: the contact %s → the call ends %s, not answered, with a reason and no recording', async (outcome, status) => {
    const { auth, contact } = await newContact();
    await simulator.put('/simulate/voice/outcomes', { [contact.phone!]: outcome });
    const placed = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    const done = await finalCall(auth, placed.id);
    expect(done).toMatchObject({ status, answered: false, recording: null, outcomeReason: expect.any(String) });
    expect(done.durationSeconds ?? 0).toBe(0);
  });

  it('F13: when the user does not answer their own phone, the contact is never dialled', async () => {
    const { auth, contact } = await newContact();
    await simulator.put('/simulate/config', { agentAnswers: false });
    const placed = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    const done = await finalCall(auth, placed.id);
    expect(done).toMatchObject({ status: 'no-answer', answered: false, outcomeReason: expect.any(String) });
    const simulated = await simulatedCallFor(placed.id);
    expect(simulated.legs.map((leg) => leg.leg)).toEqual(['A']);
  });

  it('F22/F32: DND calls or all → 409 and nothing is dialled; bad from, voiceless number, unknown or foreign contact → 4xx', async () => {
    const { auth, contact } = await newContact();
    const call = (body: Record<string, unknown>, id = contact.id, headers = auth) =>
      gateway.http().post(`/api/v1/contacts/${id}/calls`).set(headers).send(body);
    expect((await call({ from: 'not-a-number' }).expect(422)).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { from: [expect.stringContaining('E.164')] },
    });
    expect((await call({}).expect(422)).body.error.fields).toHaveProperty('from');
    expect((await call({ from: ACME_WHATSAPP_ONLY_VOICELESS }).expect(422)).body.error).toMatchObject({ code: 'FROM_NUMBER_NOT_ALLOWED' });
    await call({ from: ACME_VOICE }, '65f000000000000000000000').expect(404);
    await call({ from: ACME_VOICE }, 'not-an-id').expect(404);
    await call({ from: ACME_VOICE }, contact.id, await gateway.as('globex', 'u-ana')).expect(404);

    await gateway.http().patch(`/api/v1/contacts/${contact.id}/dnd`).set(auth).send({ calls: true }).expect(200);
    expect((await call({ from: ACME_VOICE }).expect(409)).body.error).toMatchObject({ code: 'DND_BLOCKED' });
    await gateway.http().patch(`/api/v1/contacts/${contact.id}/dnd`).set(auth).send({ calls: false, all: true }).expect(200);
    expect((await call({ from: ACME_VOICE }).expect(409)).body.error).toMatchObject({ code: 'DND_BLOCKED' });
    const calls = (await gateway.http().get(`/api/v1/contacts/${contact.id}/timeline`).set(auth).expect(200)).body as Page<TimelineItem>;
    expect(calls.items).toEqual([]);
    expect((await simulator.calls()).filter((simulated) => simulated.legs.some((leg) => leg.to === contact.phone))).toEqual([]);
  });

  it('F32: an inbound call from a contact with DND inbound is rejected by the XML and recorded as rejected', async () => {
    const { auth, contact } = await newContact();
    await gateway.http().patch(`/api/v1/contacts/${contact.id}/dnd`).set(auth).send({ inboundCallsAndSms: true }).expect(200);
    const simulated = await simulator.post<SimulatedCall>('/simulate/inbound-call', { from: contact.phone, to: ACME_VOICE });
    expect(simulated.callbacks.find((callback) => callback.kind === 'answer')).toMatchObject({
      status: 200,
      xml: expect.stringContaining('<Hangup'),
    });
    expect(simulated.legs.filter((leg) => leg.leg === 'B')).toEqual([]);
    const [rejected] = await eventually(
      async () =>
        ((await gateway.http().get(`/api/v1/contacts/${contact.id}/timeline`).set(auth).expect(200)).body as Page<TimelineItem>).items,
      (items) => items.length === 1 && items[0].kind === 'call' && items[0].call.endedAt !== null,
      10_000,
    );
    expect(rejected).toMatchObject({
      kind: 'call',
      call: {
        direction: 'inbound',
        rejected: true,
        answered: false,
        from: contact.phone,
        to: ACME_VOICE,
        outcomeReason: expect.any(String),
      },
    });
  });

  it('F17: the recording streams to its tenant with Range (206), to nobody else; playback links are signed and scoped', async () => {
    const { auth, contact } = await newContact();
    const placed = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    await finalCall(auth, placed.id);
    const whole = await gateway
      .http()
      .get(`/api/v1/calls/${placed.id}/recording`)
      .set(auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const size = (whole.body as Buffer).length;
    expect((whole.body as Buffer).subarray(0, 4).toString('latin1')).toBe('RIFF');
    const part = await gateway
      .http()
      .get(`/api/v1/calls/${placed.id}/recording`)
      .set(auth)
      .set('Range', 'bytes=100-199')
      .buffer(true)
      .parse(binary as never)
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.body as Buffer).toEqual((whole.body as Buffer).subarray(100, 200));
    await gateway
      .http()
      .get(`/api/v1/calls/${placed.id}/recording`)
      .set(auth)
      .set('Range', `bytes=${size + 10}-`)
      .expect(416);

    const globex = await gateway.as('globex', 'u-ana');
    expect((await gateway.http().get(`/api/v1/calls/${placed.id}/recording`).set(globex).expect(404)).body.error.code).toBe(
      'CALL_NOT_FOUND',
    );
    await gateway.http().get(`/api/v1/calls/${placed.id}/recording/link`).set(globex).expect(404);
    await gateway.http().get(`/api/v1/calls/${placed.id}`).set(globex).expect(404);
    await gateway.http().get(`/api/v1/calls/${placed.id}/recording`).expect(401);

    // The <audio> element's way in: a link without the access token, seekable as well.
    const link = (await gateway.http().get(`/api/v1/calls/${placed.id}/recording/link`).set(auth).expect(200)).body as {
      url: string;
      expiresAt: string;
    };
    expect(link.url).not.toContain('Bearer');
    const played = await rawGet(`${gateway.url}${link.url}`, { range: 'bytes=0-43' });
    expect(played.status).toBe(206);
    expect(played.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const [payload, signature] = link.url.split('/').pop()!.split('.');
    const tampered = `${Buffer.from(JSON.stringify(['globex', placed.id, Date.now() + 60_000])).toString('base64url')}.${signature}`;
    expect((await rawGet(`${gateway.url}/api/v1/media/recordings/${tampered}`)).status).toBe(403);
    expect((await rawGet(`${gateway.url}/api/v1/media/recordings/${payload}.x`)).status).toBe(403);

    // A call without a recording answers 404 RECORDING_NOT_FOUND, not an error.
    await simulator.put('/simulate/voice/outcomes', { [contact.phone!]: 'busy' });
    const busy = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    await finalCall(auth, busy.id);
    expect((await gateway.http().get(`/api/v1/calls/${busy.id}/recording`).set(auth).expect(404)).body.error.code).toBe(
      'RECORDING_NOT_FOUND',
    );
  });

  it('voice webhooks: forged or missing signatures → 403 and nothing stored; repeated and late callbacks change nothing', async () => {
    const forged = await rawPost(
      `${gateway.url}/api/v1/webhooks/plivo/voice/answer`,
      'CallUUID=x&From=%2B13125550000&To=%2B14155550100&Direction=inbound',
      {
        'x-plivo-signature-v3': 'Zm9yZ2Vk',
        'x-plivo-signature-v3-nonce': '12345',
      },
    );
    expect(forged.status).toBe(403);
    expect((await rawPost(`${gateway.url}/api/v1/webhooks/plivo/voice/hangup`, 'CallUUID=x&CallStatus=completed')).status).toBe(403);

    const { auth, contact } = await newContact();
    const reader = await EventStreamReader.open(`${gateway.url}/api/v1/events`, auth);
    open.push(reader);
    const placed = (await gateway.http().post(`/api/v1/contacts/${contact.id}/calls`).set(auth).send({ from: ACME_VOICE }).expect(201))
      .body as CallView;
    const done = await finalCall(auth, placed.id);
    const simulated = await simulatedCallFor(placed.id);
    const updates = () =>
      reader.events.filter(
        (event) => event.event === CallEventTypes.updated && (event.data.data as { callId: string }).callId === placed.id,
      ).length;
    await eventually(
      async () => updates(),
      (count) => count > 0,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = updates();
    for (const callback of ['hangup', 'recording', 'dial', 'hangup']) {
      const replayed = await simulator.post<{ status: number }>(`/simulate/calls/${simulated.callUuid}/replay`, { callback });
      expect({ callback, status: replayed.status }).toEqual({ callback, status: 200 });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await callOf(auth, placed.id)).toEqual(done);
    expect(updates()).toBe(before);
  });

  it('F14: the timeline merges messages and calls newest first; paging back returns each item once and in order while new ones arrive', async () => {
    const { auth, contact } = await newContact();
    const inboundMessage = (text: string) => simulator.post('/simulate/inbound', { from: contact.phone, to: ACME_VOICE, text });
    const inboundCall = () =>
      simulator.post('/simulate/inbound-call', { from: contact.phone, to: ACME_VOICE, answer: 'answer', talkSeconds: 3 });
    for (let round = 0; round < 4; round++) {
      await inboundMessage(`message ${round}a`);
      await inboundCall();
      await inboundMessage(`message ${round}b`);
    }
    const page = async (before?: string) =>
      (
        await gateway
          .http()
          .get(`/api/v1/contacts/${contact.id}/timeline?limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`)
          .set(auth)
          .expect(200)
      ).body as Page<TimelineItem>;
    const first = await eventually(
      () => page(),
      (items) => items.items.length === 3,
      10_000,
    );
    const everything: TimelineItem[] = [];
    let current: Page<TimelineItem> = first;
    for (;;) {
      everything.push(...current.items);
      // New items keep arriving while the user scrolls back: they are newer than every cursor, so never show up here.
      await inboundMessage(`arrived while paging ${everything.length}`);
      if (!current.nextCursor) break;
      current = await page(current.nextCursor);
    }
    expect(everything).toHaveLength(12);
    expect(new Set(everything.map((item) => item.id)).size).toBe(12);
    expect(everything.map((item) => item.kind).filter((kind) => kind === 'call')).toHaveLength(4);
    const instants = everything.map((item) => Date.parse(item.at));
    expect([...instants].sort((a, b) => b - a)).toEqual(instants);
    expect((everything.find((item) => item.kind === 'message') as { message: MessageView }).message.body).toBe('message 3b');
    expect(everything.at(-1)).toMatchObject({ kind: 'message', message: { body: 'message 0a' } });

    expect(
      (await gateway.http().get(`/api/v1/contacts/${contact.id}/timeline?before=garbage`).set(auth).expect(422)).body.error.fields,
    ).toHaveProperty('before');
    await gateway.http().get(`/api/v1/contacts/${contact.id}/timeline?limit=1000`).set(auth).expect(422);
    await gateway
      .http()
      .get(`/api/v1/contacts/${contact.id}/timeline`)
      .set(await gateway.as('globex', 'u-ana'))
      .expect(404);
  });
});

/** supertest's parser for an audio body: the bytes as they came. */
function binary(response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const client = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    client.on('error', reject);
    client.end();
  });
}

async function rawPost(url: string, form: string, headers: Record<string, string> = {}): Promise<{ status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form,
  });
  return { status: response.status };
}
