import { carrierApiUrl } from '@conversations/carrier';
import type { CallsConfig } from '../config';
import { type OutboundCallRequest, type StartCallOutcome, VoiceCarrier } from './voice-carrier';

/**
 * Plivo's "Make a call" API. The request is the one the SDK's `client.calls.create(from, to, answerUrl,
 * {answerMethod, hangupUrl, hangupMethod, ringTimeout})` sends (a spec compares the two), made here
 * because plivo-node 4.x sends voice requests to api.plivo.com whatever `url` it is given — so with the
 * SDK the simulator could never be reached, and dev, tests and production would run different code.
 */
export class PlivoVoiceCarrier extends VoiceCarrier {
  readonly name = 'plivo';
  private readonly endpoint: string;
  private readonly authorization: string;

  constructor(
    private readonly config: Pick<CallsConfig, 'CARRIER' | 'SIMULATOR_URL' | 'PLIVO_AUTH_ID' | 'PLIVO_AUTH_TOKEN' | 'CARRIER_TIMEOUT_MS'>,
  ) {
    super();
    this.endpoint = `${carrierApiUrl(config)}/Call/`;
    this.authorization = `Basic ${Buffer.from(`${config.PLIVO_AUTH_ID}:${config.PLIVO_AUTH_TOKEN}`).toString('base64')}`;
  }

  async startCall(request: OutboundCallRequest): Promise<StartCallOutcome> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/json', 'user-agent': 'conversations-calls' },
        body: JSON.stringify(makeCallBody(request)),
        signal: AbortSignal.timeout(this.config.CARRIER_TIMEOUT_MS),
      });
    } catch (error) {
      const name = (error as Error)?.name;
      return {
        kind: 'unreachable',
        reason: name === 'TimeoutError' ? 'the carrier did not answer in time' : 'the carrier cannot be reached',
      };
    }
    const body = (await response.json().catch(() => ({}))) as { request_uuid?: unknown; error?: unknown; message?: unknown };
    if (response.ok && typeof body.request_uuid === 'string') return { kind: 'accepted', requestUuid: body.request_uuid };
    if (response.ok) return { kind: 'unreachable', reason: 'the carrier answered without a request id' };
    if (response.status === 429 || response.status >= 500)
      return { kind: 'unreachable', reason: `the carrier is unavailable (HTTP ${response.status})` };
    if (response.status === 401 || response.status === 403)
      return { kind: 'rejected', reason: 'the carrier refused our credentials; ask your admin to check the Plivo settings' };
    const detail =
      typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
    return { kind: 'rejected', reason: `the carrier refused the call (${detail})` };
  }
}

/** The JSON body of POST /v1/Account/{auth_id}/Call/ (Plivo takes numbers without the +). */
export function makeCallBody(request: OutboundCallRequest): Record<string, string | number> {
  return {
    from: request.from.replace(/^\+/, ''),
    to: request.to.replace(/^\+/, ''),
    answer_url: request.answerUrl,
    answer_method: 'POST',
    hangup_url: request.hangupUrl,
    hangup_method: 'POST',
    ring_timeout: request.ringTimeoutSeconds,
  };
}
