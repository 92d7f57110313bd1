import type { MessageView } from '../messaging/views';
import type { CallStatus } from './calls.dto';

export type CallDirection = 'inbound' | 'outbound';

export interface CallRecordingView {
  durationSeconds: number;
  /** Gateway path that streams the audio to the owning tenant only, with HTTP Range: `/api/v1/calls/:id/recording`. */
  url: string;
}

export interface CallView {
  id: string;
  contactId: string;
  contact: { fullName: string; phone: string | null };
  direction: CallDirection;
  /** E.164 numbers: outbound from = our caller id, to = the contact; inbound the other way round. */
  from: string;
  to: string;
  status: CallStatus;
  /** The contact picked up (outbound) or a person took the call (inbound). */
  answered: boolean;
  /** Seconds of talk; null until the call has ended. */
  durationSeconds: number | null;
  recording: CallRecordingView | null;
  /** The user who placed it (outbound) or who it rang (inbound). */
  userId: string | null;
  /** Why the call did not connect, in words a user can act on (busy, no answer, carrier failure, DND inbound). */
  outcomeReason: string | null;
  /** Inbound call refused because the contact has DND inbound calls & SMS (F32). */
  rejected: boolean;
  providerCallId: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  updatedAt: string;
}

/** Payload of evt.calls.created and evt.calls.updated. */
export interface CallEventData {
  callId: string;
  contactId: string;
  call: CallView;
  previousStatus?: CallStatus;
}

/** The recording of a call, for the gateway to stream (never sent to browsers as is). */
export interface CallRecordingSource {
  /** Where the carrier keeps the audio. */
  sourceUrl: string;
  contentType: string;
  durationSeconds: number;
}

/** One entry of a contact's unified timeline (F14): a message or a call, newest first, UTC instants. */
export type TimelineItem =
  { kind: 'message'; id: string; at: string; message: MessageView } | { kind: 'call'; id: string; at: string; call: CallView };
