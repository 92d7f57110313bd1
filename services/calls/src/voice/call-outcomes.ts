import { type CallStatus, FINAL_CALL_STATUSES } from '@conversations/contracts';
import type { CallDocument } from '../calls/call.schema';

export function isFinal(status: CallStatus): boolean {
  return FINAL_CALL_STATUSES.includes(status);
}

/**
 * Plivo's call words (CallStatus of a hangup, DialStatus of a `<Dial>` action) → ours. `timeout` is
 * Plivo's "nobody answered in time", so no-answer. `rejected` (the callee declined, SIP 603) shows as
 * busy: to the person calling it is the same thing, the other side would not take the call now.
 * Null for words that are not an outcome (`ringing`, unknown).
 */
export function callStatusOfCarrierWord(word: string): CallStatus | null {
  switch (word.trim().toLowerCase()) {
    case 'completed':
    case 'answer':
    case 'answered':
      return 'completed';
    case 'busy':
    case 'rejected':
      return 'busy';
    case 'no-answer':
    case 'noanswer':
    case 'timeout':
      return 'no-answer';
    case 'failed':
      return 'failed';
    case 'cancel':
    case 'canceled':
    case 'cancelled':
      return 'canceled';
    case 'in-progress':
      return 'in-progress';
    default:
      return null;
  }
}

/** Who did not pick up, in the words the Calls tab and the timeline show (F8, F17). */
export type Party = 'contact' | 'user' | 'team';

export function reasonOf(status: CallStatus, party: Party, hangupCause: string | null): string | null {
  const cause = hangupCause?.trim() || 'the carrier gave no cause';
  switch (status) {
    case 'busy':
      return party === 'user' ? 'Your phone was busy' : 'Line busy';
    case 'no-answer':
      if (party === 'user') return 'You did not answer your phone';
      return party === 'team' ? 'Missed call: no one answered' : 'No answer';
    case 'failed':
      return `Carrier failure: ${cause}`;
    case 'canceled':
      return party === 'team' ? 'The caller hung up before anyone answered' : 'The call was canceled';
    default:
      return null;
  }
}

export interface CarrierOutcome {
  /** The carrier's word (CallStatus or DialStatus). */
  status: string;
  durationSeconds: number | null;
  hangupCause: string | null;
  at: Date;
}

/**
 * The result of the `<Dial>` that bridged the call (click-to-call: to the contact; inbound: to the team
 * member), reported on the Dial action URL: this decides how the call ended. A final status is never
 * changed again, so a repeated or late report changes nothing.
 */
export function dialOutcome(
  call: CallDocument,
  report: CarrierOutcome & { dialLegCallId: string | null },
  voicemail: boolean,
): Partial<CallDocument> | null {
  if (isFinal(call.status)) return null;
  const status = callStatusOfCarrierWord(report.status);
  if (!status || status === 'in-progress') return null;
  const ended = { endedAt: report.at, ...(report.dialLegCallId ? { contactLegCallId: report.dialLegCallId } : {}) };
  if (status === 'completed') {
    const talk = Math.max(0, Math.round(report.durationSeconds ?? 0));
    return {
      ...ended,
      status,
      answered: true,
      durationSeconds: talk,
      answeredAt: new Date(report.at.getTime() - talk * 1000),
      outcomeReason: null,
    };
  }
  const party: Party = call.direction === 'outbound' ? 'contact' : 'team';
  let reason = reasonOf(status, party, report.hangupCause);
  if (call.direction === 'inbound' && voicemail && status !== 'failed') reason = `${reason}; the caller was sent to voicemail`;
  return { ...ended, status, answered: false, durationSeconds: 0, outcomeReason: reason };
}

/**
 * The A leg hung up (hangup_url). Usually the Dial report came first and the call is final already. If
 * not, the hangup says what happened: click-to-call — the user's phone never answered (or the user hung
 * up while the contact's phone rang); inbound — the caller hung up while the team member's phone rang.
 */
export function hangupOutcome(call: CallDocument, report: CarrierOutcome): Partial<CallDocument> | null {
  if (isFinal(call.status)) return null;
  const carrierStatus = callStatusOfCarrierWord(report.status);
  const ended = { endedAt: report.at, answered: false, durationSeconds: 0 };
  if (call.status === 'in-progress') {
    const talk = Math.max(0, Math.round(report.durationSeconds ?? 0));
    return { endedAt: report.at, status: 'completed', answered: true, durationSeconds: talk, outcomeReason: null };
  }
  if (call.direction === 'outbound' && call.status === 'initiated') {
    // The user's phone never answered, so the contact was never dialled. A `completed` leg we never got an
    // answer webhook for could not be connected to anyone: a failure, with the carrier's cause.
    const status: CallStatus =
      carrierStatus === null || carrierStatus === 'completed' || carrierStatus === 'in-progress' ? 'failed' : carrierStatus;
    return { ...ended, status, outcomeReason: reasonOf(status, 'user', report.hangupCause ?? 'the call ended before it was connected') };
  }
  if (carrierStatus === 'failed') return { ...ended, status: 'failed', outcomeReason: reasonOf('failed', 'contact', report.hangupCause) };
  // Ringing the other side when the A leg hung up: nobody was connected.
  return {
    ...ended,
    status: 'canceled',
    outcomeReason: call.direction === 'outbound' ? 'You hung up before the contact answered' : reasonOf('canceled', 'team', null),
  };
}
