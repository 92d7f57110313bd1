import { createLogger } from '@conversations/service-kit';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, validateV3Signature } from 'plivo';
import { simulatorConfigSchema } from './config';
import { CarrierSimulator } from './simulator';
import type { SimulatedCall } from './voice';

const TOKEN = 'voice-spec-auth-token';
const AUTH_ID = 'MAVOICESPEC';

/** One webhook the simulator posted to "our side", and whether Plivo's SDK accepts its signature. */
interface Received {
  path: string;
  ref: string | null;
  params: Record<string, string>;
  signatureValid: boolean;
}

/**
 * Our side of the webhooks, on loopback: checks every signature with the plivo SDK's own
 * validateV3Signature and answers the XML the test wants for each path.
 */
class Receiver {
  readonly received: Received[] = [];
  answers: Record<string, string> = {};
  private server?: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(([status, body]) => {
        response.writeHead(status, { 'content-type': 'application/xml' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string, ref?: string): string {
    return `${this.base}${path}${ref ? `?ref=${ref}` : ''}`;
  }

  of(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  private async handle(request: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const url = new URL(request.url ?? '/', this.base);
    const signatureValid =
      validateV3Signature(
        'POST',
        `${this.base}${request.url}`,
        String(request.headers['x-plivo-signature-v3-nonce']),
        TOKEN,
        String(request.headers['x-plivo-signature-v3']),
        params,
      ) === true;
    this.received.push({ path: url.pathname, ref: url.searchParams.get('ref'), params, signatureValid });
    return [signatureValid ? 200 : 403, this.answers[url.pathname] ?? '<Response/>'];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('carrier simulator: voice (Plivo Call API, call legs, signed callbacks, recordings)', () => {
  const receiver = new Receiver();
  let simulator: CarrierSimulator;
  let base: string;

  beforeAll(async () => {
    await receiver.start();
    const config = simulatorConfigSchema.parse({
      SIMULATOR_PORT: '0',
      PLIVO_AUTH_ID: AUTH_ID,
      PLIVO_AUTH_TOKEN: TOKEN,
      INBOUND_WEBHOOK_URL: receiver.url('/api/v1/webhooks/plivo/inbound'),
      VOICE_STEP_DELAY_MS: '5',
      TALK_SECONDS: '42',
    });
    simulator = new CarrierSimulator(config, createLogger('carrier-simulator', 'silent'));
    base = await simulator.listen();
  });
  afterAll(async () => {
    await simulator?.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.answers = {};
    await fetch(`${base}/simulate/calls`, { method: 'DELETE' });
    await fetch(`${base}/simulate/voice/outcomes`, { method: 'DELETE' });
    await put('/simulate/config', { agentAnswers: true, contactOutcome: 'answer', talkSeconds: 42, duplicateRate: 0 });
  });

  const authorization = `Basic ${Buffer.from(`${AUTH_ID}:${TOKEN}`).toString('base64')}`;
  const put = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const startCall = (body: Record<string, unknown>, auth = authorization) =>
    fetch(`${base}/v1/Account/${AUTH_ID}/Call/`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const calls = async (): Promise<SimulatedCall[]> =>
    ((await (await fetch(`${base}/simulate/calls`)).json()) as { calls: SimulatedCall[] }).calls;
  async function ended(count = 1): Promise<SimulatedCall[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const current = await calls();
      if ((current.length >= count && current.every((call) => call.endedAt)) || Date.now() > deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const clickToCall = (ref = '65f0a1b2c3d4e5f6a7b8c9d0') => ({
    from: '14155550100',
    to: '14155550111',
    answer_url: receiver.url('/voice/answer', `${ref}.agent`),
    answer_method: 'POST',
    hangup_url: receiver.url('/voice/hangup', `${ref}.agent`),
    hangup_method: 'POST',
  });
  const bridge = (ref = '65f0a1b2c3d4e5f6a7b8c9d0', record = true) =>
    '<Response>' +
    (record
      ? `<Record startOnDialAnswer="true" redirect="false" maxLength="14400" callbackUrl="${receiver.url('/voice/recording', ref).replace(/&/g, '&amp;')}"/>`
      : '') +
    `<Dial callerId="+14155550100" action="${receiver.url('/voice/dial', `${ref}.contact`)}" method="POST" timeout="30"><Number>+12125550199</Number></Dial></Response>`;

  it('accepts the Call API request the plivo SDK builds, and refuses bad credentials and incomplete requests', async () => {
    // The SDK pins voice requests to api.plivo.com; its request is captured at its transport and replayed here.
    const sdk = new Client(AUTH_ID, TOKEN);
    const transport = Object.getOwnPropertySymbols(sdk.calls)
      .map((symbol) => (sdk.calls as unknown as Record<symbol, unknown>)[symbol])
      .find((value) => typeof value === 'function');
    expect(transport).toBeDefined();
    let sent: { action: string; params: Record<string, unknown> } | undefined;
    const { camelCaseRequestWrapper } = jest.requireActual('plivo/dist/rest/utils') as {
      camelCaseRequestWrapper: (request: unknown) => unknown;
    };
    for (const symbol of Object.getOwnPropertySymbols(sdk.calls)) {
      (sdk.calls as unknown as Record<symbol, unknown>)[symbol] = camelCaseRequestWrapper(
        (_method: string, action: string, params: Record<string, unknown>) => {
          sent = { action, params };
          return Promise.resolve({ body: { api_id: 'x', message: 'call fired', request_uuid: 'r' } });
        },
      );
    }
    await sdk.calls.create('14155550100', '14155550111', receiver.url('/voice/answer', 'x.agent'), {
      answerMethod: 'POST',
      hangupUrl: receiver.url('/voice/hangup', 'x.agent'),
      hangupMethod: 'POST',
    });
    expect(sent?.action).toBe('Call/');
    const { is_voice_request: _flag, ...body } = sent!.params;

    const accepted = await startCall(body);
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ api_id: expect.any(String), message: 'call fired', request_uuid: expect.any(String) });
    expect((await startCall(body, `Basic ${Buffer.from(`${AUTH_ID}:wrong-token`).toString('base64')}`)).status).toBe(401);
    expect((await startCall({ from: '14155550100' })).status).toBe(400);
    expect((await startCall({ ...body, to: '1415<1212' })).status).toBe(400);
    expect((await ended()).map((call) => call.status)).toEqual(['completed']);
  });

  it('click-to-call: rings the user, asks our answer URL, dials the contact, then posts the Dial result, the recording and the hangup — all signed like Plivo', async () => {
    receiver.answers['/voice/answer'] = bridge();
    const created = (await (await startCall(clickToCall())).json()) as { request_uuid: string };
    const [call] = await ended();
    expect(receiver.received.map((entry) => entry.path)).toEqual(['/voice/answer', '/voice/dial', '/voice/recording', '/voice/hangup']);
    expect(receiver.received.every((entry) => entry.signatureValid)).toBe(true);
    const [answer, dial, recording, hangup] = receiver.received;
    expect(answer).toMatchObject({
      ref: '65f0a1b2c3d4e5f6a7b8c9d0.agent',
      params: {
        CallUUID: call.callUuid,
        RequestUUID: created.request_uuid,
        From: '14155550100',
        To: '14155550111',
        Direction: 'outbound',
        CallStatus: 'in-progress',
      },
    });
    expect(dial).toMatchObject({
      ref: '65f0a1b2c3d4e5f6a7b8c9d0.contact',
      params: {
        CallUUID: call.callUuid,
        DialStatus: 'completed',
        DialALegUUID: call.callUuid,
        DialBLegUUID: expect.stringMatching(/^[0-9a-f-]{36}$/),
        DialBLegDuration: '42',
        DialHangupCause: 'NORMAL_CLEARING',
        DialBLegTo: '12125550199',
      },
    });
    expect(recording).toMatchObject({
      ref: '65f0a1b2c3d4e5f6a7b8c9d0',
      params: {
        CallUUID: call.callUuid,
        RecordingID: expect.any(String),
        RecordUrl: expect.stringMatching(new RegExp(`^${base}/recordings/.+\\.wav\\?seconds=\\d+$`)),
        RecordingDuration: '42',
        RecordingDurationMs: '42000',
      },
    });
    expect(hangup).toMatchObject({
      ref: '65f0a1b2c3d4e5f6a7b8c9d0.agent',
      params: { CallUUID: call.callUuid, CallStatus: 'completed', Duration: '42', HangupCause: 'NORMAL_CLEARING', Direction: 'outbound' },
    });
    expect(call).toMatchObject({
      from: '+14155550100',
      to: '+14155550111',
      status: 'completed',
      durationSeconds: 42,
      legs: [
        { leg: 'A', outcome: 'answer', to: '+14155550111' },
        { leg: 'B', outcome: 'answer', talkSeconds: 42, from: '+14155550100', to: '+12125550199' },
      ],
    });
    expect(call.callbacks.map((callback) => [callback.kind, callback.status])).toEqual([
      ['answer', 200],
      ['dial', 200],
      ['recording', 200],
      ['hangup', 200],
    ]);
  });

  it('click-to-call: when the user does not answer, only the hangup is posted, with no-answer', async () => {
    await put('/simulate/config', { agentAnswers: false });
    await startCall(clickToCall());
    await ended();
    expect(
      receiver.received.map((entry) => [entry.path, entry.params.CallStatus, entry.params.HangupCause, entry.params.Duration]),
    ).toEqual([['/voice/hangup', 'no-answer', 'NO_ANSWER', '0']]);
  });

  it.each([
    ['busy', 'busy', 'USER_BUSY'],
    ['no-answer', 'no-answer', 'NO_ANSWER'],
    ['failed', 'failed', 'UNALLOCATED_NUMBER'],
  ])(
    'a contact who is %s: the Dial result says so, nothing is recorded, the user’s leg ends normally',
    async (outcome, dialStatus, cause) => {
      expect((await put('/simulate/voice/outcomes', { '+12125550199': outcome })).status).toBe(200);
      receiver.answers['/voice/answer'] = bridge();
      receiver.answers['/voice/dial'] = '<Response><Speak>Line busy.</Speak><Hangup/></Response>';
      await startCall(clickToCall());
      const [call] = await ended();
      expect(receiver.received.map((entry) => entry.path)).toEqual(['/voice/answer', '/voice/dial', '/voice/hangup']);
      expect(receiver.of('/voice/dial')[0].params).toMatchObject({
        DialStatus: dialStatus,
        DialHangupCause: cause,
        DialBLegUUID: '',
        DialBLegDuration: '0',
      });
      expect(receiver.of('/voice/hangup')[0].params).toMatchObject({ CallStatus: 'completed', Duration: '0' });
      expect(call.spoken).toEqual(['Line busy.']);
    },
  );

  it('per-number outcomes: "reject" makes the Call API refuse the number; bad outcomes and settings are 400s', async () => {
    await put('/simulate/voice/outcomes', { '+14155550111': 'reject' });
    const refused = await startCall(clickToCall());
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining('invalid destination number') });
    expect(await calls()).toEqual([]);
    expect((await put('/simulate/voice/outcomes', { '+14155550111': 'maybe' })).status).toBe(400);
    expect((await put('/simulate/voice/outcomes', ['busy'])).status).toBe(400);
    expect((await put('/simulate/config', { contactOutcome: 'sometimes' })).status).toBe(400);
    expect((await put('/simulate/config', { talkSeconds: 0 })).status).toBe(400);
    expect(await (await fetch(`${base}/simulate/voice/outcomes`)).json()).toEqual({ '+14155550111': 'reject' });
  });

  it('inbound call refused with <Hangup reason="rejected">: posted to the inbound answer URL, then the hangup as a rejected call', async () => {
    receiver.answers['/api/v1/webhooks/plivo/voice/answer'] = '<Response><Hangup reason="rejected"/></Response>';
    const response = await fetch(`${base}/simulate/inbound-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125550199', to: '+14155550100' }),
    });
    const call = (await response.json()) as SimulatedCall;
    expect(response.status).toBe(200);
    expect(receiver.received.map((entry) => [entry.path, entry.ref, entry.signatureValid])).toEqual([
      ['/api/v1/webhooks/plivo/voice/answer', null, true],
      ['/api/v1/webhooks/plivo/voice/hangup', null, true],
    ]);
    expect(receiver.received[0].params).toMatchObject({
      CallUUID: call.callUuid,
      From: '13125550199',
      To: '14155550100',
      Direction: 'inbound',
      CallStatus: 'ringing',
    });
    expect(receiver.received[1].params).toMatchObject({
      CallUUID: call.callUuid,
      CallStatus: 'busy',
      HangupCause: 'CALL_REJECTED',
      Duration: '0',
    });
    expect(call).toMatchObject({ direction: 'inbound', status: 'busy', answeredAt: null });
  });

  it('inbound call nobody answers goes to voicemail: the Dial action’s XML is played and the message is posted as a recording', async () => {
    const ref = '65f0a1b2c3d4e5f6a7b8c9d1';
    receiver.answers['/api/v1/webhooks/plivo/voice/answer'] =
      `<Response><Dial callerId="+13125550199" action="${receiver.url('/voice/dial', `${ref}.agent`)}" timeout="20"><Number>+14155550111</Number></Dial></Response>`;
    receiver.answers['/voice/dial'] =
      `<Response><Speak>Please leave a message.</Speak><Record maxLength="30" playBeep="true" redirect="false" callbackUrl="${receiver.url('/voice/recording', `${ref}.voicemail`)}"/><Hangup/></Response>`;
    const call = (await (
      await fetch(`${base}/simulate/inbound-call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+13125550199', to: '+14155550100', answer: 'no-answer', talkSeconds: 50 }),
      })
    ).json()) as SimulatedCall;
    expect(receiver.received.map((entry) => entry.path)).toEqual([
      '/api/v1/webhooks/plivo/voice/answer',
      '/voice/dial',
      '/voice/recording',
      '/api/v1/webhooks/plivo/voice/hangup',
    ]);
    expect(receiver.of('/voice/dial')[0].params).toMatchObject({ DialStatus: 'no-answer', Direction: 'inbound' });
    // The message is as long as the caller talks, but no longer than maxLength.
    expect(receiver.of('/voice/recording')[0]).toMatchObject({
      ref: `${ref}.voicemail`,
      params: { RecordingDuration: '30', CallUUID: call.callUuid },
    });
    expect(receiver.of('/api/v1/webhooks/plivo/voice/hangup')[0].params).toMatchObject({ CallStatus: 'completed', Duration: '30' });
    expect(call.spoken).toEqual(['Please leave a message.']);
    expect(
      (
        await fetch(`${base}/simulate/inbound-call`, {
          method: 'POST',
          body: JSON.stringify({ from: '+13125550199', to: '+14155550100', answer: 'maybe' }),
        })
      ).status,
    ).toBe(400);
  });

  it('an answer URL that fails ends the call with the cause, and a replayed callback is posted again, signed afresh', async () => {
    receiver.answers['/voice/answer'] = 'not xml at all';
    await startCall(clickToCall());
    const [call] = await ended();
    expect(receiver.of('/voice/hangup')[0].params).toMatchObject({
      CallStatus: 'completed',
      HangupCause: expect.stringContaining('did not return valid XML'),
    });
    const replayed = await fetch(`${base}/simulate/calls/${call.callUuid}/replay`, {
      method: 'POST',
      body: JSON.stringify({ callback: 'hangup' }),
    });
    expect(await replayed.json()).toMatchObject({ status: 200 });
    expect(receiver.of('/voice/hangup')).toHaveLength(2);
    expect(receiver.of('/voice/hangup')[1]).toMatchObject({ signatureValid: true, params: receiver.of('/voice/hangup')[0].params });
    expect(
      (await fetch(`${base}/simulate/calls/${call.callUuid}/replay`, { method: 'POST', body: JSON.stringify({ callback: 'dial' }) }))
        .status,
    ).toBe(404);
  });

  it('serves a recording as a real, seekable WAV: 200 in full, 206 for a range, 416 past the end', async () => {
    receiver.answers['/voice/answer'] = bridge();
    await put('/simulate/config', { talkSeconds: 3 });
    await startCall(clickToCall());
    const [call] = await ended();
    const url = call.recordings[0].url;
    const full = await fetch(url);
    const audio = Buffer.from(await full.arrayBuffer());
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(audio.subarray(8, 16).toString('ascii')).toBe('WAVEfmt ');
    expect(audio.readUInt32LE(24)).toBe(8000);
    expect(audio.readUInt32LE(40)).toBe(3 * 8000 * 2);
    expect(audio.length).toBe(44 + 3 * 8000 * 2);
    expect(audio.subarray(44).some((byte) => byte !== 0)).toBe(true);

    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${audio.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(audio.subarray(100, 200));
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(audio.subarray(audio.length - 10));
    const open = await fetch(url, { headers: { range: `bytes=${audio.length - 5}-` } });
    expect(open.headers.get('content-range')).toBe(`bytes ${audio.length - 5}-${audio.length - 1}/${audio.length}`);
    const beyond = await fetch(url, { headers: { range: `bytes=${audio.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${audio.length}`);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(audio.length));
    expect((await fetch(`${base}/recordings/..%2Fetc.wav`)).status).toBe(404);
  });

  it('#14 §6: a recording it does not know (seeded, or from before a restart) is as long as its link says, streamed in full', async () => {
    const seconds = 6 * 60 + 44;
    const head = await fetch(`${base}/recordings/seed-abc.wav?seconds=${seconds}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(44 + seconds * 8000 * 2));
    const full = Buffer.from(await (await fetch(`${base}/recordings/seed-abc.wav?seconds=${seconds}`)).arrayBuffer());
    expect(full.length).toBe(44 + seconds * 8000 * 2);
    expect(full.readUInt32LE(40)).toBe(seconds * 8000 * 2);
    const unknown = await fetch(`${base}/recordings/seed-def.wav`, { method: 'HEAD' });
    expect(unknown.headers.get('content-length')).toBe(String(44 + 4 * 8000 * 2));
  });
});
