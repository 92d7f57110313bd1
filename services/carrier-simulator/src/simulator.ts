import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { type Behaviour, LEG_OUTCOMES, type LegOutcome, type SimulatorConfig } from './config';
import { HttpError, jsonBody, send } from './http';
import { type FormParams, signV3 } from './plivo-signature';
import { VoiceSimulator } from './voice';

/** One message the simulated carrier accepted: what a fault test counts. */
export interface AcceptedMessage {
  messageUuid: string;
  src: string;
  dst: string;
  text: string;
  type: string;
  callbackUrl: string | null;
  /** Our `ref` from the callback URL: `<messageId>.<round>`. */
  ref: string | null;
  receivedAt: string;
  /** Delivery reports our webhook acknowledged (2xx), in the order acknowledged. */
  states: string[];
}

const FAILURE_CODES = ['30', '40', '50', '80'];
const digits = (number: string) => number.replace(/^\+/, '');

/**
 * A local stand-in for Plivo: the subset of the Message API the SDK calls (send), delivery reports and
 * inbound messages posted to our real webhook endpoints signed exactly as Plivo signs (V3), with
 * configurable delay, failures and duplicate webhooks. It deduplicates nothing: it records every send,
 * so tests can prove that our side never sends twice.
 */
export class CarrierSimulator {
  readonly accepted: AcceptedMessage[] = [];
  private readonly byUuid = new Map<string, AcceptedMessage>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private listeningUrl = '';
  behaviour: Behaviour;
  /** Calls: the Call API, call legs played against our answer XML, inbound calls, recordings. */
  readonly voice: VoiceSimulator;

  constructor(
    private readonly config: SimulatorConfig,
    private readonly logger: Logger,
  ) {
    this.behaviour = {
      deliveryDelayMs: config.DELIVERY_DELAY_MS,
      failureRate: config.FAILURE_RATE,
      duplicateRate: config.DUPLICATE_RATE,
      apiErrorRate: config.API_ERROR_RATE,
      apiDelayMs: config.API_DELAY_MS,
      agentAnswers: config.AGENT_ANSWERS,
      contactOutcome: config.CONTACT_OUTCOME,
      talkSeconds: config.TALK_SECONDS,
      voiceStepDelayMs: config.VOICE_STEP_DELAY_MS,
    };
    this.voice = new VoiceSimulator({
      config,
      logger,
      behaviour: () => this.behaviour,
      post: (url, params) => this.postSigned(url, params),
      publicUrl: () => (config.SIMULATOR_PUBLIC_URL ?? this.listeningUrl).replace(/\/$/, ''),
    });
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => void this.route(request, response));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(this.config.SIMULATOR_PORT, this.config.HTTP_HOST, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.listeningUrl = `http://${this.config.HTTP_HOST}:${port}`;
    return this.listeningUrl;
  }

  async close(): Promise<void> {
    this.voice.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    try {
      const apiMessage = /^\/v1\/Account\/([^/]+)\/Message\/?$/.exec(url.pathname);
      if (apiMessage && request.method === 'POST') return send(response, 202, await this.acceptMessage(request, apiMessage[1]));
      if (apiMessage && request.method === 'GET') return send(response, 200, this.listMessages(request, apiMessage[1], url.searchParams));
      if (url.pathname === '/simulate/inbound' && request.method === 'POST')
        return send(response, 200, await this.injectInbound(await jsonBody(request)));
      if (url.pathname === '/simulate/status' && request.method === 'POST')
        return send(response, 200, await this.reportStatus(await jsonBody(request)));
      if (url.pathname === '/simulate/messages' && request.method === 'GET')
        return send(response, 200, { count: this.accepted.length, messages: this.accepted });
      if (url.pathname === '/simulate/messages' && request.method === 'DELETE') {
        this.accepted.length = 0;
        this.byUuid.clear();
        return send(response, 200, { count: 0 });
      }
      const apiCall = /^\/v1\/Account\/([^/]+)\/Call\/?$/.exec(url.pathname);
      if (apiCall && request.method === 'POST') {
        this.authenticate(request, apiCall[1]);
        if (Math.random() < this.behaviour.apiErrorRate) throw new HttpError(503, 'Service temporarily unavailable');
        return send(response, 201, this.voice.createCall(await jsonBody(request)));
      }
      if (await this.voice.route(request, response, url)) return;
      if (url.pathname === '/simulate/config' && request.method === 'PUT') {
        this.behaviour = { ...this.behaviour, ...pickBehaviour(await jsonBody(request)) };
        return send(response, 200, this.behaviour);
      }
      if (url.pathname === '/health')
        return send(response, 200, { status: 'ok', accepted: this.accepted.length, calls: this.voice.calls.length });
      throw new HttpError(404, `no route ${request.method} ${url.pathname}`);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) this.logger.error({ err: error }, 'simulator route failed');
      send(response, status, { api_id: randomUUID(), error: (error as Error).message });
    }
  }

  /** POST /v1/Account/{auth_id}/Message/ — what `client.messages.create` sends. */
  private async acceptMessage(request: IncomingMessage, authId: string): Promise<unknown> {
    this.authenticate(request, authId);
    const body = (await jsonBody(request)) as Record<string, unknown>;
    if (Math.random() < this.behaviour.apiErrorRate) throw new HttpError(503, 'Service temporarily unavailable');
    const { src, dst, text } = body;
    if (typeof src !== 'string' || typeof dst !== 'string' || typeof text !== 'string' || !text)
      throw new HttpError(400, 'src, dst and text are required');
    const callbackUrl = typeof body.url === 'string' ? body.url : null;
    const message: AcceptedMessage = {
      messageUuid: randomUUID(),
      src,
      dst,
      text,
      type: typeof body.type === 'string' ? body.type : 'sms',
      callbackUrl,
      ref: callbackUrl ? new URL(callbackUrl).searchParams.get('ref') : null,
      receivedAt: new Date().toISOString(),
      states: [],
    };
    this.accepted.push(message);
    this.byUuid.set(message.messageUuid, message);
    if (callbackUrl) this.scheduleDeliveryReports(message);
    // Recorded before the answer: a client that dies while waiting has still sent the message.
    if (this.behaviour.apiDelayMs) await new Promise((resolve) => setTimeout(resolve, this.behaviour.apiDelayMs));
    return { api_id: randomUUID(), message: 'message(s) queued', message_uuid: [message.messageUuid] };
  }

  /** GET /v1/Account/{auth_id}/Message/ — what `client.messages.list` reads (outbound, newest first, paged). */
  private listMessages(request: IncomingMessage, authId: string, query: URLSearchParams): unknown {
    this.authenticate(request, authId);
    const at = (value: string | null, fallback: number) => (value ? Date.parse(`${value.replace(' ', 'T')}Z`) : fallback);
    const sinceMs = at(query.get('message_time__gte'), 0);
    // Plivo's times have whole seconds: "until 12:00:05" includes 12:00:05.999.
    const untilMs = at(query.get('message_time__lte'), Infinity) + 999;
    const limit = Math.min(20, Math.max(1, Number(query.get('limit') ?? 20)));
    const offset = Math.max(0, Number(query.get('offset') ?? 0));
    const matching = this.accepted
      .filter((message) => Date.parse(message.receivedAt) >= sinceMs && Date.parse(message.receivedAt) <= untilMs)
      .reverse();
    const objects = matching.slice(offset, offset + limit).map((message) => ({
      message_uuid: message.messageUuid,
      from_number: digits(message.src),
      to_number: digits(message.dst),
      message_direction: 'outbound',
      message_type: message.type,
      message_state: message.states.at(-1) ?? 'queued',
      message_time: message.receivedAt.replace('T', ' ').slice(0, 19),
    }));
    return {
      api_id: randomUUID(),
      meta: { limit, offset, total_count: matching.length, next: offset + limit < matching.length ? `offset=${offset + limit}` : null },
      objects,
    };
  }

  private authenticate(request: IncomingMessage, authId: string): void {
    const expected = `Basic ${Buffer.from(`${this.config.PLIVO_AUTH_ID}:${this.config.PLIVO_AUTH_TOKEN}`).toString('base64')}`;
    if (authId !== this.config.PLIVO_AUTH_ID || request.headers.authorization !== expected)
      throw new HttpError(401, 'Authentication failed');
  }

  /** queued at once, sent after the delay, then delivered (or failed/undelivered at FAILURE_RATE). */
  private scheduleDeliveryReports(message: AcceptedMessage): void {
    const delay = this.behaviour.deliveryDelayMs;
    const fails = Math.random() < this.behaviour.failureRate;
    const final = fails ? (Math.random() < 0.5 ? 'failed' : 'undelivered') : 'delivered';
    const errorCode = fails ? FAILURE_CODES[Math.floor(Math.random() * FAILURE_CODES.length)] : '';
    this.later(Math.min(delay, 20), () => this.postStatus(message, 'queued', ''));
    this.later(delay, () => this.postStatus(message, 'sent', ''));
    this.later(delay * 2, () => this.postStatus(message, final, errorCode));
  }

  private later(ms: number, work: () => Promise<unknown>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work().catch((error) => this.logger.warn({ err: error }, 'simulated webhook failed'));
    }, ms);
    this.timers.add(timer);
  }

  private async postStatus(message: AcceptedMessage, status: string, errorCode: string): Promise<number[]> {
    if (!message.callbackUrl) return [];
    const params: FormParams = {
      MessageUUID: message.messageUuid,
      Status: status,
      From: digits(message.src),
      To: digits(message.dst),
      ErrorCode: errorCode,
      Units: '1',
      TotalRate: '0.00500',
      TotalAmount: '0.00500',
      MessageTime: new Date().toISOString().replace('T', ' ').slice(0, 19),
    };
    const answers = await this.deliver(message.callbackUrl, params);
    // Recorded once our side acknowledged it: a test waiting for `delivered` here knows we have it.
    if (answers.some((answer) => answer >= 200 && answer < 300)) message.states.push(status);
    return answers;
  }

  /** POST /simulate/status — a delivery report on demand (out-of-order and late-report tests). */
  private async reportStatus(body: unknown): Promise<unknown> {
    const { messageUuid, status, errorCode } = body as { messageUuid?: string; status?: string; errorCode?: string };
    const message = messageUuid ? this.byUuid.get(messageUuid) : undefined;
    if (!message) throw new HttpError(404, `no message ${messageUuid}`);
    if (typeof status !== 'string') throw new HttpError(400, 'status is required');
    return { deliveries: await this.postStatus(message, status, errorCode ?? '') };
  }

  /** POST /simulate/inbound — a message from a phone to one of our numbers, posted `times` times (duplicates). */
  private async injectInbound(body: unknown): Promise<unknown> {
    const input = body as {
      from?: string;
      to?: string;
      text?: string;
      type?: string;
      times?: number;
      webhookUrl?: string;
      messageUuid?: string;
    };
    if (!input.from || !input.to || typeof input.text !== 'string') throw new HttpError(400, 'from, to and text are required');
    const messageUuid = input.messageUuid ?? randomUUID();
    const params: FormParams = {
      From: digits(input.from),
      To: digits(input.to),
      Text: input.text,
      Type: input.type === 'whatsapp' ? 'whatsapp' : 'sms',
      MessageUUID: messageUuid,
      Units: '1',
      TotalRate: '0',
      TotalAmount: '0',
      MessageIntent: 'optout-keyword-check',
    };
    const url = input.webhookUrl ?? this.config.INBOUND_WEBHOOK_URL;
    const deliveries: number[] = [];
    for (let index = 0; index < Math.max(1, Math.min(input.times ?? 1, 20)); index++)
      deliveries.push(...(await this.deliver(url, params, false)));
    return { messageUuid, deliveries };
  }

  /** Posts a signed webhook; at DUPLICATE_RATE twice. Retries a few times when our side is down, like Plivo. */
  private async deliver(url: string, params: FormParams, mayDuplicate = true): Promise<number[]> {
    const copies = mayDuplicate && Math.random() < this.behaviour.duplicateRate ? 2 : 1;
    const statuses: number[] = [];
    for (let copy = 0; copy < copies; copy++) statuses.push((await this.postSigned(url, params)).status);
    return statuses;
  }

  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  /** At most WEBHOOK_CONCURRENCY webhooks at once, in order: a burst of reports queues instead of flooding us. */
  private async postSigned(url: string, params: FormParams): Promise<{ status: number; body: string }> {
    if (this.inFlight >= this.config.WEBHOOK_CONCURRENCY) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      return await this.postSignedNow(url, params);
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /** The webhook's answer: its HTTP status (0 when it never answered) and body (a voice webhook's XML). */
  private async postSignedNow(url: string, params: FormParams): Promise<{ status: number; body: string }> {
    for (let attempt = 0; ; attempt++) {
      const { signature, nonce } = signV3(this.config.PLIVO_AUTH_TOKEN, url, params);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-plivo-signature-v3': signature,
            'x-plivo-signature-v3-nonce': nonce,
          },
          body: new URLSearchParams(
            Object.entries(params).flatMap(([key, value]): [string, string][] =>
              Array.isArray(value) ? value.map((item): [string, string] => [key, item]) : [[key, value]],
            ),
          ).toString(),
        });
        const body = await response.text();
        if (response.status < 500 || attempt >= 3) return { status: response.status, body };
      } catch (error) {
        if (attempt >= 3) {
          this.logger.warn({ url, err: error }, 'webhook could not be delivered');
          return { status: 0, body: '' };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

function pickBehaviour(body: unknown): Partial<Behaviour> {
  const input = (body ?? {}) as Record<string, unknown>;
  const picked: Partial<Behaviour> = {};
  for (const key of ['deliveryDelayMs', 'failureRate', 'duplicateRate', 'apiErrorRate', 'apiDelayMs', 'voiceStepDelayMs'] as const) {
    const value = input[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) picked[key] = value;
  }
  if ('agentAnswers' in input) {
    if (typeof input.agentAnswers !== 'boolean') throw new HttpError(400, 'agentAnswers must be true or false');
    picked.agentAnswers = input.agentAnswers;
  }
  if ('contactOutcome' in input) {
    if (!LEG_OUTCOMES.includes(input.contactOutcome as LegOutcome))
      throw new HttpError(400, `contactOutcome must be one of ${LEG_OUTCOMES.join(', ')}`);
    picked.contactOutcome = input.contactOutcome as LegOutcome;
  }
  if ('talkSeconds' in input) {
    const seconds = input.talkSeconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 3_600)
      throw new HttpError(400, 'talkSeconds must be a whole number of seconds from 1 to 3600');
    picked.talkSeconds = seconds;
  }
  return picked;
}
