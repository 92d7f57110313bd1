import { carrierApiUrl } from '@conversations/carrier';
import { Client } from 'plivo';
import type { MessagingConfig } from '../config';
import { Carrier, type OutboundCarrierMessage, type SendOutcome } from './carrier';

/**
 * Plivo's Message API through the official SDK. With CARRIER=simulator the same SDK calls the local
 * simulator (the SDK's `url` option), so the code path is the one production runs.
 */
export class PlivoCarrier extends Carrier {
  readonly name = 'plivo';
  private readonly client: Client;

  constructor(config: MessagingConfig) {
    super();
    this.client = new Client(config.PLIVO_AUTH_ID, config.PLIVO_AUTH_TOKEN, {
      url: carrierApiUrl(config),
      timeout: config.CARRIER_TIMEOUT_MS,
    });
  }

  async send(message: OutboundCarrierMessage): Promise<SendOutcome> {
    try {
      const response = (await this.client.messages.create(message.from, message.to, message.text, {
        type: message.channel,
        url: message.statusCallbackUrl,
        method: 'POST',
      })) as { messageUuid?: string[] | string };
      const uuid = Array.isArray(response.messageUuid) ? response.messageUuid[0] : response.messageUuid;
      if (!uuid) return { kind: 'unknown', reason: 'the carrier answered without a message id' };
      return { kind: 'accepted', providerMessageId: uuid };
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  /** Plivo's message list (outbound, in a time window) filtered to one pair of numbers; null if it is too long or fails. */
  async acceptedBetween(from: string, to: string, since: Date, until: Date): Promise<string[] | null> {
    const found: string[] = [];
    try {
      for (let page = 0; page < LIST_MAX_PAGES; page++) {
        const objects = (await this.client.messages.list({
          message_direction: 'outbound',
          message_time__gte: plivoTime(since),
          message_time__lte: plivoTime(until),
          limit: LIST_PAGE,
          offset: page * LIST_PAGE,
        })) as unknown as Array<{ messageUuid: string; fromNumber: string; toNumber: string }>;
        for (const message of objects)
          if (digits(message.fromNumber) === digits(from) && digits(message.toNumber) === digits(to)) found.push(message.messageUuid);
        if (objects.length < LIST_PAGE) return found;
      }
      return null;
    } catch {
      return null;
    }
  }
}

const LIST_PAGE = 20;
const LIST_MAX_PAGES = 10;
const digits = (number: string) => number.replace(/\D/g, '');
/** Plivo's message_time filters: UTC `YYYY-MM-DD HH:MM:SS`. */
const plivoTime = (at: Date) => at.toISOString().replace('T', ' ').slice(0, 19);

/**
 * The SDK rejects with an Error whose message holds axios's "status code N", or — when no response came
 * at all — with the bare stack string. Which failure it was decides whether a resend is safe.
 */
export function outcomeOfError(error: unknown): SendOutcome {
  const text = error instanceof Error ? `${error.message} ${error.stack ?? ''}` : String(error);
  const status = /status code (\d{3})/.exec(text)?.[1];
  if (status) {
    const code = Number(status);
    if (code === 429 || code === 503) return { kind: 'transient', reason: `the carrier is busy (HTTP ${code})` };
    if (code >= 500) return { kind: 'unknown', reason: `the carrier failed while handling the request (HTTP ${code})` };
    if (code === 401 || code === 403)
      return {
        kind: 'rejected',
        code: `http-${code}`,
        reason: 'The carrier refused our credentials; ask your admin to check the Plivo settings.',
      };
    return {
      kind: 'rejected',
      code: `http-${code}`,
      reason: 'The carrier refused the message as invalid (check the number and the text).',
    };
  }
  // Nothing left this machine, or nothing was accepted: no connection was ever made.
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(text))
    return { kind: 'transient', reason: 'the carrier cannot be reached' };
  return { kind: 'unknown', reason: `the carrier call was interrupted (${text.split('\n')[0].slice(0, 200)})` };
}
