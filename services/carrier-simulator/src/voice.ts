import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { type Behaviour, inboundCallUrls, LEG_OUTCOMES, type LegOutcome, type SimulatorConfig } from './config';
import { HttpError, jsonBody, send } from './http';
import type { FormParams } from './plivo-signature';
import { isTrue, parsePlivoXml, type XmlElement } from './plivo-xml';
import { byteRangeOf, toneWavBytes, toneWavSize } from './recording-audio';

/** A webhook the simulated carrier posted for a call, and what our side answered. */
export interface VoiceCallback {
  kind: 'answer' | 'dial' | 'recording' | 'record-action' | 'hangup';
  url: string;
  params: FormParams;
  /** Our HTTP status (0: no answer at all). */
  status: number;
  /** The XML our side answered with (answer and action URLs), as received. */
  xml: string | null;
  at: string;
}

export interface SimulatedLeg {
  /** A: the phone the call was placed to (click-to-call: the user) or from (inbound: the caller). B: a phone a `<Dial>` rang. */
  leg: 'A' | 'B';
  callUuid: string;
  from: string;
  to: string;
  outcome: LegOutcome;
  talkSeconds: number;
}

export interface SimulatedRecording {
  recordingId: string;
  url: string;
  durationSeconds: number;
  kind: 'session' | 'message';
}

/** Numbers are E.164 with the + (as our side writes them), whatever form the API or the XML used. */
export interface SimulatedCall {
  /** The A leg's CallUUID. */
  callUuid: string;
  /** The Call API's request_uuid (outbound only). */
  requestUuid: string | null;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  answerUrl: string;
  hangupUrl: string | null;
  /** Our `ref` on the answer URL. */
  ref: string | null;
  status: 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed';
  hangupCause: string | null;
  /** Seconds the A leg was connected (answered to hangup). */
  durationSeconds: number;
  legs: SimulatedLeg[];
  callbacks: VoiceCallback[];
  /** What `<Speak>` said, in order. */
  spoken: string[];
  recordings: SimulatedRecording[];
  startedAt: string;
  answeredAt: string | null;
  /** Set once the call is over and its hangup webhook was answered: every callback is in `callbacks` by then. */
  endedAt: string | null;
  /** Per-call choices of an injected inbound call. */
  dialOutcome: LegOutcome | null;
  talkSeconds: number | null;
}

/** A per-number outcome; `reject` makes the Call API refuse to call that number at all (HTTP 400). */
export type NumberOutcome = LegOutcome | 'reject';

interface VoiceDependencies {
  config: SimulatorConfig;
  logger: Logger;
  behaviour: () => Behaviour;
  /** Posts a webhook signed like Plivo (V3), retrying when our side is down. */
  post: (url: string, params: FormParams) => Promise<{ status: number; body: string }>;
  /** Base URL recordings are served from. */
  publicUrl: () => string;
}

const DIAL_STATUS: Record<LegOutcome, 'completed' | 'busy' | 'no-answer' | 'failed'> = {
  answer: 'completed',
  busy: 'busy',
  'no-answer': 'no-answer',
  failed: 'failed',
};
const HANGUP_CAUSE: Record<LegOutcome, string> = {
  answer: 'NORMAL_CLEARING',
  busy: 'USER_BUSY',
  'no-answer': 'NO_ANSWER',
  failed: 'UNALLOCATED_NUMBER',
};
/** Plivo records up to 4 hours; a longer `seconds` in a recording link is taken as that. */
const MAX_RECORDING_SECONDS = 4 * 3600;
const AUDIO_CHUNK_BYTES = 64 * 1024;
const digits = (number: string) => number.replace(/\D/g, '');
/** Numbers as the simulator records them: E.164 with the + (Plivo's API and webhooks write them without). */
const e164 = (number: string) => (/^\+?\d+$/.test(number.trim()) ? `+${digits(number)}` : number.trim());

/**
 * Plivo's voice side, for local runs and tests: the Call API (click-to-call), inbound calls on demand,
 * and each call's legs played against the XML our answer webhooks return — `<Dial>`, `<Record>`,
 * `<Speak>`, `<Hangup>` — with the callbacks Plivo posts (answer, Dial action, recording, hangup), signed
 * like Plivo's. What each phone does is configurable (answers, busy, no answer, fails). Time is
 * simulated: talk seconds are reported, not waited for.
 */
export class VoiceSimulator {
  readonly calls: SimulatedCall[] = [];
  private readonly byUuid = new Map<string, SimulatedCall>();
  private readonly outcomes = new Map<string, NumberOutcome>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: VoiceDependencies) {}

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** The control and media routes; false when the request is not one of them. */
  async route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const method = request.method ?? 'GET';
    const recording = /^\/recordings\/([A-Za-z0-9_-]{1,80})\.wav$/.exec(url.pathname);
    if (recording && (method === 'GET' || method === 'HEAD')) {
      this.serveRecording(request, response, recording[1]);
      return true;
    }
    if (url.pathname === '/simulate/calls' && method === 'GET') {
      send(response, 200, { count: this.calls.length, calls: this.calls });
      return true;
    }
    // Clears the record and cuts every call still in progress (it posts no further webhooks).
    if (url.pathname === '/simulate/calls' && method === 'DELETE') {
      this.calls.length = 0;
      this.byUuid.clear();
      send(response, 200, { count: 0 });
      return true;
    }
    const replay = /^\/simulate\/calls\/([^/]+)\/replay$/.exec(url.pathname);
    if (replay && method === 'POST') {
      send(response, 200, await this.replay(decodeURIComponent(replay[1]), await jsonBody(request)));
      return true;
    }
    if (url.pathname === '/simulate/inbound-call' && method === 'POST') {
      send(response, 200, await this.injectInbound(await jsonBody(request)));
      return true;
    }
    if (url.pathname === '/simulate/voice/outcomes') {
      if (method === 'PUT') this.setOutcomes(await jsonBody(request));
      else if (method === 'DELETE') this.outcomes.clear();
      else if (method !== 'GET') return false;
      send(response, 200, Object.fromEntries([...this.outcomes].map(([number, outcome]) => [`+${number}`, outcome])));
      return true;
    }
    return false;
  }

  /** POST /v1/Account/{auth_id}/Call/ — what Plivo's "Make a call" takes (JSON, as the SDK sends it). Authenticated by the caller. */
  createCall(body: unknown): { api_id: string; message: string; request_uuid: string } {
    const input = (body ?? {}) as Record<string, unknown>;
    const { from, to, answer_url: answerUrl } = input;
    if (typeof from !== 'string' || typeof to !== 'string' || typeof answerUrl !== 'string' || !from || !to || !answerUrl) {
      throw new HttpError(400, 'from, to and answer_url are required');
    }
    if (to.includes('<')) throw new HttpError(400, 'bulk calls (several destinations) are not simulated');
    if (!isHttpUrl(answerUrl) || (typeof input.hangup_url === 'string' && !isHttpUrl(input.hangup_url)))
      throw new HttpError(400, 'answer_url and hangup_url must be http(s) URLs');
    if (this.outcomes.get(digits(to)) === 'reject') throw new HttpError(400, `invalid destination number ${to}`);
    const call = this.newCall({
      direction: 'outbound',
      from: e164(from),
      to: e164(to),
      answerUrl,
      hangupUrl: typeof input.hangup_url === 'string' ? input.hangup_url : null,
      requestUuid: randomUUID(),
    });
    void this.runOutbound(call);
    return { api_id: randomUUID(), message: 'call fired', request_uuid: call.requestUuid as string };
  }

  /** POST /simulate/inbound-call — a phone calls one of our numbers; answers with the call once it has ended. */
  private async injectInbound(body: unknown): Promise<SimulatedCall> {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.from !== 'string' || typeof input.to !== 'string' || !digits(input.from) || !digits(input.to))
      throw new HttpError(400, 'from and to (phone numbers) are required');
    if (input.answer !== undefined && !LEG_OUTCOMES.includes(input.answer as LegOutcome))
      throw new HttpError(400, `answer must be one of ${LEG_OUTCOMES.join(', ')}`);
    if (
      input.talkSeconds !== undefined &&
      (typeof input.talkSeconds !== 'number' || !Number.isInteger(input.talkSeconds) || input.talkSeconds < 1 || input.talkSeconds > 3_600)
    ) {
      throw new HttpError(400, 'talkSeconds must be a whole number of seconds from 1 to 3600');
    }
    const urls = inboundCallUrls(this.deps.config);
    const call = this.newCall({
      direction: 'inbound',
      from: e164(input.from),
      to: e164(input.to),
      answerUrl: typeof input.answerUrl === 'string' ? input.answerUrl : urls.answerUrl,
      hangupUrl: typeof input.hangupUrl === 'string' ? input.hangupUrl : urls.hangupUrl,
      requestUuid: null,
    });
    call.dialOutcome = (input.answer as LegOutcome | undefined) ?? null;
    call.talkSeconds = (input.talkSeconds as number | undefined) ?? null;
    call.legs.push({ leg: 'A', callUuid: call.callUuid, from: call.from, to: call.to, outcome: 'answer', talkSeconds: 0 });
    await this.play(call, call.answerUrl, { ...this.callParams(call), CallStatus: 'ringing', Event: 'StartApp' });
    return call;
  }

  private newCall(fields: Pick<SimulatedCall, 'direction' | 'from' | 'to' | 'answerUrl' | 'hangupUrl' | 'requestUuid'>): SimulatedCall {
    const call: SimulatedCall = {
      ...fields,
      callUuid: randomUUID(),
      ref: new URL(fields.answerUrl).searchParams.get('ref'),
      status: 'ringing',
      hangupCause: null,
      durationSeconds: 0,
      legs: [],
      callbacks: [],
      spoken: [],
      recordings: [],
      startedAt: new Date().toISOString(),
      answeredAt: null,
      endedAt: null,
      dialOutcome: null,
      talkSeconds: null,
    };
    this.calls.push(call);
    this.byUuid.set(call.callUuid, call);
    return call;
  }

  /** Click-to-call: ring the first phone; when it answers, ask our answer URL what to do. */
  private async runOutbound(call: SimulatedCall): Promise<void> {
    try {
      await this.sleep(this.behaviour.voiceStepDelayMs);
      const outcome = this.outcomeFor(call.to, this.behaviour.agentAnswers ? 'answer' : 'no-answer');
      call.legs.push({ leg: 'A', callUuid: call.callUuid, from: call.from, to: call.to, outcome, talkSeconds: 0 });
      if (outcome !== 'answer') return await this.hangUp(call, DIAL_STATUS[outcome], HANGUP_CAUSE[outcome]);
      this.answered(call);
      await this.play(call, call.answerUrl, { ...this.callParams(call), CallStatus: 'in-progress', Event: 'StartApp' });
    } catch (error) {
      if (!this.closed) this.deps.logger.warn({ err: error, callUuid: call.callUuid }, 'simulated call failed');
    }
  }

  /** Fetches XML from `url` and runs it, following action URLs that redirect the call, until the call ends. */
  private async play(call: SimulatedCall, url: string, params: FormParams): Promise<void> {
    let document = await this.fetchXml(call, 'answer', url, params);
    if (!document)
      return this.hangUp(call, 'completed', `the answer URL did not return valid XML (HTTP ${call.callbacks.at(-1)?.status ?? 0})`);
    let background: XmlElement | null = null;
    while (document) {
      let redirected: XmlElement | null = null;
      for (const element of document.children) {
        if (this.closed) return;
        if (element.name === 'Speak') call.spoken.push(element.text);
        else if (element.name === 'Record' && (isTrue(element.attributes.recordSession) || isTrue(element.attributes.startOnDialAnswer)))
          background = element;
        else if (element.name === 'Record') redirected = await this.recordMessage(call, element);
        else if (element.name === 'Dial') redirected = await this.dial(call, element, background);
        else if (element.name === 'Hangup') {
          // Hanging up before answering refuses the call (`reason="rejected"`: the caller hears busy).
          const refused = !call.answeredAt;
          return this.hangUp(call, refused ? 'busy' : 'completed', refused ? 'CALL_REJECTED' : 'NORMAL_CLEARING');
        } else if (!['Wait', 'Play', 'PreAnswer'].includes(element.name))
          this.deps.logger.info({ element: element.name }, 'simulated carrier skips an element it does not play');
        if (redirected) break;
      }
      document = redirected;
    }
    return this.hangUp(call, 'completed', 'NORMAL_CLEARING');
  }

  /** `<Dial>`: ring the numbers (the first that answers wins), talk, report on the action URL; its XML may continue the call. */
  private async dial(call: SimulatedCall, element: XmlElement, background: XmlElement | null): Promise<XmlElement | null> {
    const numbers = element.children.filter((child) => child.name === 'Number' && child.text).map((child) => child.text);
    if (!numbers.length) return null;
    this.answered(call);
    await this.sleep(this.behaviour.voiceStepDelayMs);
    const fallback = call.dialOutcome ?? this.behaviour.contactOutcome;
    const outcomes = numbers.map((number) => this.outcomeFor(number, fallback));
    const winner = Math.max(0, outcomes.indexOf('answer'));
    const outcome = outcomes[winner];
    const talkSeconds = outcome === 'answer' ? (call.talkSeconds ?? this.behaviour.talkSeconds) : 0;
    const leg: SimulatedLeg = {
      leg: 'B',
      callUuid: randomUUID(),
      from: e164(element.attributes.callerId ?? call.from),
      to: e164(numbers[winner]),
      outcome,
      talkSeconds,
    };
    call.legs.push(leg);
    call.durationSeconds += talkSeconds;
    const cause = HANGUP_CAUSE[outcome];
    const params: FormParams = {
      ...this.callParams(call),
      CallStatus: 'in-progress',
      DialAction: 'hangup',
      DialStatus: DIAL_STATUS[outcome],
      DialALegUUID: call.callUuid,
      DialBLegUUID: outcome === 'answer' ? leg.callUuid : '',
      DialBLegDuration: String(talkSeconds),
      DialBLegBillDuration: String(talkSeconds ? Math.ceil(talkSeconds / 60) * 60 : 0),
      DialBLegStatus: DIAL_STATUS[outcome],
      DialBLegHangupCause: cause,
      DialHangupCause: cause,
      DialBLegFrom: digits(leg.from),
      DialBLegTo: digits(leg.to),
      DialRingStatus: outcome === 'failed' ? 'false' : 'true',
    };
    let next: XmlElement | null = null;
    if (element.attributes.action) {
      const document = await this.fetchXml(call, 'dial', element.attributes.action, params, true);
      if (element.attributes.redirect?.toLowerCase() !== 'false') next = document ?? null;
    }
    if (background && outcome === 'answer') await this.postRecording(call, background, talkSeconds, 'session');
    return next;
  }

  /** `<Record>` in the foreground (voicemail): the caller speaks for the talk time (up to maxLength), then it is posted. */
  private async recordMessage(call: SimulatedCall, element: XmlElement): Promise<XmlElement | null> {
    this.answered(call);
    await this.sleep(this.behaviour.voiceStepDelayMs);
    const maxLength = Number(element.attributes.maxLength) > 0 ? Number(element.attributes.maxLength) : 60;
    const seconds = Math.min(call.talkSeconds ?? this.behaviour.talkSeconds, maxLength);
    call.durationSeconds += seconds;
    const recording = await this.postRecording(call, element, seconds, 'message');
    if (!element.attributes.action) return null;
    const document = await this.fetchXml(call, 'record-action', element.attributes.action, {
      ...this.callParams(call),
      ...this.recordingParams(call, recording),
    });
    return element.attributes.redirect?.toLowerCase() === 'false' ? null : document;
  }

  private async postRecording(
    call: SimulatedCall,
    element: XmlElement,
    seconds: number,
    kind: SimulatedRecording['kind'],
  ): Promise<SimulatedRecording> {
    const recordingId = randomUUID();
    const recording: SimulatedRecording = {
      recordingId,
      // The length rides along in the link, so the audio stays as long as the recording after a restart.
      url: `${this.deps.publicUrl()}/recordings/${recordingId}.wav?seconds=${seconds}`,
      durationSeconds: seconds,
      kind,
    };
    call.recordings.push(recording);
    if (element.attributes.callbackUrl)
      await this.callback(
        call,
        'recording',
        element.attributes.callbackUrl,
        { ...this.callParams(call), ...this.recordingParams(call, recording) },
        true,
      );
    return recording;
  }

  private recordingParams(call: SimulatedCall, recording: SimulatedRecording): FormParams {
    const end = Date.now();
    return {
      RecordUrl: recording.url,
      RecordingID: recording.recordingId,
      RecordingDuration: String(recording.durationSeconds),
      RecordingDurationMs: String(recording.durationSeconds * 1000),
      RecordingStartMs: String(end - recording.durationSeconds * 1000),
      RecordingEndMs: String(end),
      RecordingFormat: 'wav',
      CallUUID: call.callUuid,
    };
  }

  /** The A leg ends: hangup_url with how it ended. Once per call; `endedAt` is set once the webhook was answered. */
  private async hangUp(call: SimulatedCall, status: SimulatedCall['status'], cause: string): Promise<void> {
    if (call.hangupCause !== null) return;
    call.status = status;
    call.hangupCause = cause;
    const endedAt = new Date().toISOString();
    if (call.hangupUrl) {
      await this.callback(
        call,
        'hangup',
        call.hangupUrl,
        {
          ...this.callParams(call),
          CallStatus: status,
          Event: 'Hangup',
          Duration: String(call.durationSeconds),
          BillDuration: String(call.durationSeconds ? Math.ceil(call.durationSeconds / 60) * 60 : 0),
          HangupCause: cause,
          StartTime: plivoTime(call.startedAt),
          AnswerTime: call.answeredAt ? plivoTime(call.answeredAt) : '',
          EndTime: plivoTime(endedAt),
        },
        true,
      );
    }
    call.endedAt = endedAt;
  }

  private answered(call: SimulatedCall): void {
    if (call.answeredAt) return;
    call.answeredAt = new Date().toISOString();
    call.status = 'in-progress';
  }

  /** The parameters Plivo sends with every call webhook (numbers without the +, as Plivo writes them). */
  private callParams(call: SimulatedCall): FormParams {
    return {
      CallUUID: call.callUuid,
      ...(call.requestUuid ? { RequestUUID: call.requestUuid } : {}),
      From: digits(call.from),
      To: digits(call.to),
      Direction: call.direction,
      CallerName: digits(call.from),
    };
  }

  private async fetchXml(
    call: SimulatedCall,
    kind: VoiceCallback['kind'],
    url: string,
    params: FormParams,
    mayDuplicate = false,
  ): Promise<XmlElement | null> {
    const answer = await this.callback(call, kind, url, params, mayDuplicate);
    if (answer.status < 200 || answer.status >= 300) return null;
    try {
      return parsePlivoXml(answer.body);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, url, callUuid: call.callUuid },
        'our side answered with XML the carrier cannot read; the call ends',
      );
      return null;
    }
  }

  /** Posts one callback (at DUPLICATE_RATE twice, for the background ones Plivo may repeat) and records it. */
  private async callback(
    call: SimulatedCall,
    kind: VoiceCallback['kind'],
    url: string,
    params: FormParams,
    mayDuplicate = false,
  ): Promise<{ status: number; body: string }> {
    // A call cleared by DELETE /simulate/calls is over for good: it posts nothing more.
    if (this.byUuid.get(call.callUuid) !== call) return { status: 0, body: '' };
    const copies = mayDuplicate && Math.random() < this.behaviour.duplicateRate ? 2 : 1;
    let first: { status: number; body: string } | undefined;
    for (let copy = 0; copy < copies; copy++) {
      const answer = await this.deps.post(url, params);
      call.callbacks.push({
        kind,
        url,
        params,
        status: answer.status,
        xml: kind === 'answer' || kind === 'dial' || kind === 'record-action' ? answer.body : null,
        at: new Date().toISOString(),
      });
      first ??= answer;
    }
    return first as { status: number; body: string };
  }

  /** POST /simulate/calls/{callUuid}/replay {callback} — posts a callback again exactly as before (duplicate and late webhook tests). */
  private async replay(callUuid: string, body: unknown): Promise<{ status: number; body: string }> {
    const call = this.byUuid.get(callUuid);
    if (!call) throw new HttpError(404, `no call ${callUuid}`);
    const kind = (body as { callback?: string })?.callback;
    const earlier = [...call.callbacks].reverse().find((callback) => callback.kind === kind);
    if (!earlier)
      throw new HttpError(
        404,
        `call ${callUuid} has no ${String(kind)} callback to replay (one of answer, dial, recording, record-action, hangup)`,
      );
    return this.callback(call, earlier.kind, earlier.url, earlier.params);
  }

  /** PUT /simulate/voice/outcomes {"+14155550111": "busy", "+1…": null} — merged; null removes a number's outcome. */
  private setOutcomes(body: unknown): void {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, 'the body must be an object of phone number → outcome');
    const allowed: readonly string[] = [...LEG_OUTCOMES, 'reject'];
    for (const [number, outcome] of Object.entries(body)) {
      if (!digits(number)) throw new HttpError(400, `${number} is not a phone number`);
      if (outcome !== null && !allowed.includes(outcome as string))
        throw new HttpError(400, `the outcome for ${number} must be one of ${allowed.join(', ')} or null`);
    }
    for (const [number, outcome] of Object.entries(body)) {
      if (outcome === null) this.outcomes.delete(digits(number));
      else this.outcomes.set(digits(number), outcome as NumberOutcome);
    }
  }

  private outcomeFor(number: string, fallback: LegOutcome): LegOutcome {
    const chosen = this.outcomes.get(digits(number));
    return chosen && chosen !== 'reject' ? chosen : fallback;
  }

  /**
   * GET/HEAD /recordings/{id}.wav — a real WAV as long as the recording (its known duration, else the
   * link's `?seconds=`, as seeded calls carry, else 4 s), seekable with Range, made and streamed in chunks.
   */
  private serveRecording(request: IncomingMessage, response: ServerResponse, id: string): void {
    const known = this.calls.flatMap((call) => call.recordings).find((recording) => recording.recordingId === id);
    const linked = Number(new URL(request.url ?? '/', 'http://simulator').searchParams.get('seconds'));
    const seconds = Math.max(
      1,
      Math.min(MAX_RECORDING_SECONDS, known?.durationSeconds ?? (Number.isFinite(linked) && linked > 0 ? linked : 4)),
    );
    const size = toneWavSize(seconds);
    const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=3600' };
    const range = byteRangeOf(request.headers.range, size);
    if (range === 'unsatisfiable') {
      response.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
      response.end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    response.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': end - start + 1,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    Readable.from(
      (function* chunks() {
        for (let at = start; at <= end; at += AUDIO_CHUNK_BYTES) yield toneWavBytes(seconds, at, Math.min(end, at + AUDIO_CHUNK_BYTES - 1));
      })(),
    ).pipe(response);
  }

  private get behaviour(): Behaviour {
    return this.deps.behaviour();
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the simulator is closing'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Plivo's times: UTC `YYYY-MM-DD HH:MM:SS`. */
function plivoTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}
