import type { MessageStatus } from '@conversations/contracts';

/**
 * Outbound statuses only move forward: (scheduled →) queued → sent → one final status. A late or repeated
 * callback (e.g. `sent` after `delivered`) ranks lower or equal and changes nothing (F16). A canceled
 * scheduled message (F38) is final: it never went.
 */
const RANK: Record<MessageStatus, number> = {
  scheduled: -1,
  queued: 0,
  sent: 1,
  delivered: 2,
  undelivered: 2,
  failed: 2,
  received: 2,
  canceled: 2,
};

export function isFinal(status: MessageStatus): boolean {
  return RANK[status] === 2;
}

export function movesForward(from: MessageStatus, to: MessageStatus): boolean {
  return RANK[to] > RANK[from];
}

/** Plivo's message states → ours; `null` for states that are not a change we show (e.g. the carrier's own `queued`). */
export function statusOfCarrierState(state: string): MessageStatus | null {
  switch (state.toLowerCase()) {
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
    case 'rejected':
      return 'failed';
    default:
      return null;
  }
}

/** Plivo's message error codes in words a user can act on (F16, F40). */
const CARRIER_REASONS: Record<string, string> = {
  '10': 'The message was rejected by the carrier as invalid.',
  '20': 'The carrier network had a problem delivering the message.',
  '30': 'The carrier could not deliver the message (spam or content filter).',
  '40': 'The recipient’s phone was unreachable or switched off.',
  '50': 'The destination number is not a mobile number or no longer in service.',
  '60': 'The message expired before it could be delivered.',
  '70': 'The destination country or carrier is not supported.',
  '80': 'The recipient’s carrier rejected the message.',
  '90': 'The message was blocked because the recipient opted out (STOP).',
  '100': 'The carrier did not report why the message was not delivered.',
  '110': 'The message was too long for the carrier.',
  '200': 'The sender number is not allowed to send to this destination.',
  '300': 'The message was blocked by the carrier’s spam filter.',
  '420': 'The message was rejected because the destination country needs a registered sender.',
  '900': 'The account has too little credit to send.',
  '1000': 'The carrier reported an unknown error.',
};

export function reasonOfCarrierCode(code: string | null | undefined, status: MessageStatus): string {
  if (code && CARRIER_REASONS[code]) return CARRIER_REASONS[code];
  if (code) return `The carrier reported error ${code}.`;
  return status === 'undelivered' ? 'The carrier could not deliver the message.' : 'The carrier could not send the message.';
}
