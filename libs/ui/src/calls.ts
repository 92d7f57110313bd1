import type { CallView } from '@conversations/contracts';

/** How a call ended, as the Calls tab and the timeline colour it (F8, F17): completed vs missed or failed. */
export type CallTone = 'completed' | 'missed' | 'failed' | 'active';

export interface CallOutcome {
  tone: CallTone;
  /** A word or two: "Completed", "Missed", "No answer", "Busy", "Failed", "Ringing…". */
  label: string;
}

type CallFacts = Pick<CallView, 'direction' | 'status' | 'answered' | 'rejected'> & Partial<Pick<CallView, 'recording'>>;

/** The outcome of a call in the guide's terms; a call still going on is "active". */
export function callOutcome(call: CallFacts): CallOutcome {
  switch (call.status) {
    case 'initiated':
      return { tone: 'active', label: 'Calling…' };
    case 'ringing':
      return { tone: 'active', label: 'Ringing…' };
    case 'in-progress':
      return { tone: 'active', label: 'In progress' };
    case 'failed':
      return { tone: 'failed', label: 'Failed' };
  }
  if (call.rejected) return { tone: 'missed', label: 'Rejected (DND)' };
  if (call.status === 'completed' && call.answered) return { tone: 'completed', label: 'Completed' };
  // Nobody talked: an inbound call is a missed call; an outbound one says why the contact did not pick up.
  if (call.direction === 'inbound') return { tone: 'missed', label: call.recording ? 'Missed (voicemail)' : 'Missed' };
  switch (call.status) {
    case 'busy':
      return { tone: 'missed', label: 'Busy' };
    case 'no-answer':
      return { tone: 'missed', label: 'No answer' };
    case 'canceled':
      return { tone: 'missed', label: 'Canceled' };
    default:
      return { tone: 'missed', label: 'Not answered' };
  }
}

export function callDirectionLabel(direction: CallView['direction']): string {
  return direction === 'inbound' ? 'Incoming call' : 'Outgoing call';
}

/** The carrier's reason for an outcome, unless it only repeats the outcome in other words ("Busy" / "Line busy"). */
export function reasonBeyond(label: string, reason: string | null | undefined): string | null {
  if (!reason) return null;
  const said = label.toLowerCase().replace(/…$/, '');
  return reason.toLowerCase().includes(said) && reason.length <= said.length + 12 ? null : reason;
}
