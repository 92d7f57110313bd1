/** What click-to-call asks of a carrier: ring one phone, and fetch what to do from `answerUrl` when it answers. */
export interface OutboundCallRequest {
  /** Caller id (E.164). */
  from: string;
  /** The phone to ring (E.164). */
  to: string;
  answerUrl: string;
  hangupUrl: string;
  /** Seconds the phone rings before the carrier gives up (no-answer). */
  ringTimeoutSeconds: number;
}

/**
 * How the carrier took the request:
 * - accepted: it is ringing the phone (callbacks will follow);
 * - rejected: it refused for good (bad number, no credit, credentials); nothing rings;
 * - unreachable: no answer from the carrier (refused connection, timeout, 5xx). The call is given up:
 *   a late callback for it finds it final and is hung up at once.
 */
export type StartCallOutcome =
  { kind: 'accepted'; requestUuid: string } | { kind: 'rejected'; reason: string } | { kind: 'unreachable'; reason: string };

/** One interface for every voice carrier; Plivo (and the simulator, which speaks Plivo's API) implement it. */
export abstract class VoiceCarrier {
  abstract readonly name: string;
  abstract startCall(request: OutboundCallRequest): Promise<StartCallOutcome>;
}
