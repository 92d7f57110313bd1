/** What the send worker hands a carrier. */
export interface OutboundCarrierMessage {
  from: string;
  to: string;
  text: string;
  channel: 'sms' | 'whatsapp';
  /** Where the carrier posts delivery reports; carries our ref (`<messageId>.<round>`). */
  statusCallbackUrl: string;
}

/**
 * How one carrier call ended — the distinction that makes sending exactly-once:
 * - accepted: the carrier has it (its id recorded).
 * - rejected: the carrier refused it for good (bad number, blocked); the message fails with the reason.
 * - transient: the carrier certainly did not take it (refused connection, 429/503); safe to try again.
 * - unknown: the request may have reached the carrier (timeout, reset, 5xx); never blindly resent.
 */
export type SendOutcome =
  | { kind: 'accepted'; providerMessageId: string }
  | { kind: 'rejected'; code: string; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'unknown'; reason: string };

/** One interface for every carrier; Plivo (and the simulator, which speaks Plivo's API) implement it. */
export abstract class Carrier {
  abstract readonly name: string;
  abstract send(message: OutboundCarrierMessage): Promise<SendOutcome>;
  /**
   * The carrier's ids of outbound messages `from` → `to` it accepted between `since` and `until`: what an
   * interrupted send is checked against before it may be sent again. Null when the carrier cannot say
   * (then it is never resent).
   */
  abstract acceptedBetween(from: string, to: string, since: Date, until: Date): Promise<string[] | null>;
}
