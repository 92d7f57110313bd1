import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'plivo';
import { makeCallBody, PlivoVoiceCarrier } from './plivo-voice-carrier';

/** What plivo-node's `calls.create` hands its transport (before it would send it to api.plivo.com). */
async function sdkRequest(
  from: string,
  to: string,
  answerUrl: string,
  options: Record<string, unknown>,
): Promise<{ action: string; params: Record<string, unknown> }> {
  const sdk = new Client('MAUNIT', 'unit-test-token');
  const { camelCaseRequestWrapper } = jest.requireActual('plivo/dist/rest/utils') as {
    camelCaseRequestWrapper: (request: unknown) => unknown;
  };
  let sent: { action: string; params: Record<string, unknown> } | undefined;
  for (const symbol of Object.getOwnPropertySymbols(sdk.calls)) {
    (sdk.calls as unknown as Record<symbol, unknown>)[symbol] = camelCaseRequestWrapper(
      (_method: string, action: string, params: Record<string, unknown>) => {
        sent = { action, params };
        return Promise.resolve({ body: { request_uuid: 'r' } });
      },
    );
  }
  await sdk.calls.create(from, to, answerUrl, options);
  if (!sent) throw new Error('the SDK sent nothing');
  return sent;
}

describe('Plivo "Make a call" request', () => {
  const request = {
    from: '+14155550100',
    to: '+14155550111',
    answerUrl: 'https://gw.test/answer?ref=a.agent',
    hangupUrl: 'https://gw.test/hangup?ref=a.agent',
    ringTimeoutSeconds: 30,
  };

  it('is the body the plivo SDK sends for the same call', async () => {
    const sdk = await sdkRequest('14155550100', '14155550111', request.answerUrl, {
      answerMethod: 'POST',
      hangupUrl: request.hangupUrl,
      hangupMethod: 'POST',
      ringTimeout: 30,
    });
    const { is_voice_request: _voice, ...sdkBody } = sdk.params;
    expect(sdk.action).toBe('Call/');
    expect(makeCallBody(request)).toEqual(sdkBody);
  });

  describe('against a carrier on loopback', () => {
    let server: Server;
    let answer: (request: IncomingMessage) => [number, unknown] = () => [201, {}];
    const seen: Array<{ url: string; authorization: string | undefined; body: unknown }> = [];
    let base = '';
    beforeAll(async () => {
      server = createServer(async (incoming, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of incoming) chunks.push(chunk as Buffer);
        seen.push({
          url: incoming.url ?? '',
          authorization: incoming.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
        });
        const [status, body] = answer(incoming);
        if (status === 0) return void setTimeout(() => response.end(), 1_000);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const carrier = () =>
      new PlivoVoiceCarrier({
        CARRIER: 'simulator',
        SIMULATOR_URL: base,
        PLIVO_AUTH_ID: 'MAUNIT',
        PLIVO_AUTH_TOKEN: 'unit-test-token',
        CARRIER_TIMEOUT_MS: 300,
      });

    it('posts to /v1/Account/{id}/Call/ with basic auth and reads the request id', async () => {
      answer = () => [201, { api_id: 'a', message: 'call fired', request_uuid: 'req-1' }];
      expect(await carrier().startCall(request)).toEqual({ kind: 'accepted', requestUuid: 'req-1' });
      expect(seen.at(-1)).toEqual({
        url: '/v1/Account/MAUNIT/Call/',
        authorization: `Basic ${Buffer.from('MAUNIT:unit-test-token').toString('base64')}`,
        body: makeCallBody(request),
      });
    });

    it('a 4xx is a refusal with the carrier’s words; 401 names the credentials', async () => {
      answer = () => [400, { error: 'invalid destination number' }];
      expect(await carrier().startCall(request)).toEqual({
        kind: 'rejected',
        reason: 'the carrier refused the call (invalid destination number)',
      });
      answer = () => [401, { error: 'Authentication failed' }];
      expect(await carrier().startCall(request)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('credentials') });
    });

    it('5xx, 429, a timeout and a refused connection mean the carrier is unreachable', async () => {
      answer = () => [503, {}];
      expect(await carrier().startCall(request)).toMatchObject({ kind: 'unreachable' });
      answer = () => [429, {}];
      expect(await carrier().startCall(request)).toMatchObject({ kind: 'unreachable' });
      // No answer within CARRIER_TIMEOUT_MS.
      answer = () => [0, {}];
      expect(await carrier().startCall(request)).toEqual({ kind: 'unreachable', reason: 'the carrier did not answer in time' });
      const nobody = new PlivoVoiceCarrier({
        CARRIER: 'simulator',
        SIMULATOR_URL: 'http://127.0.0.1:9',
        PLIVO_AUTH_ID: 'MAUNIT',
        PLIVO_AUTH_TOKEN: 'unit-test-token',
        CARRIER_TIMEOUT_MS: 300,
      });
      expect(await nobody.startCall(request)).toEqual({ kind: 'unreachable', reason: 'the carrier cannot be reached' });
    });
  });
});
