import type { CallDirection, CallStatus } from '@conversations/contracts';
import { CONTACT_COPY_FIELDS, type ContactCopy } from '@conversations/contact-copies';
import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { createHash } from 'node:crypto';
import { Schema, Types } from 'mongoose';

export interface CallRecording {
  /** The carrier's RecordingID: a repeated recording callback is recognised by it. */
  providerRecordingId: string;
  /** Where the carrier keeps the audio (the gateway streams it from there). */
  sourceUrl: string;
  durationSeconds: number;
  /** `call` (the whole conversation) or `voicemail` (a caller's message after no one answered). */
  kind: 'call' | 'voicemail';
}

/**
 * One phone call with a contact: click-to-call (outbound) or a call to one of our numbers (inbound). Its
 * ContactCopy is denormalised from the contacts service (kept current from evt.contacts.*), so Calls search is one query.
 */
export interface CallDocument extends ContactCopy {
  _id: Types.ObjectId;
  tenantId: string;
  contactId: Types.ObjectId;
  /** The contact event time the copy reflects; older updates are ignored. */
  contactSyncedAt: Date;
  /** False once the contact is deleted: the call leaves the Calls tab, the record stays. */
  listed: boolean;
  direction: CallDirection;
  from: string;
  to: string;
  status: CallStatus;
  answered: boolean;
  durationSeconds: number | null;
  recording: CallRecording | null;
  /** Outbound: who placed it. Inbound: the team member it rang (null when it rang the tenant's default number). */
  userId: string | null;
  /** Outbound: the user's phone we rang first. Inbound: the phone the call was put through to. */
  agentPhone: string | null;
  outcomeReason: string | null;
  rejected: boolean;
  /** The A leg's CallUUID: the user's phone (outbound) or the caller (inbound). Null until the carrier names it. */
  providerCallId: string | null;
  /** Unique per tenant and always present (FerretDB has no partial indexes): the CallUUID once known, else `call:<_id>`. */
  providerCallKey: string;
  /** The carrier's request id for a click-to-call (before any leg has a CallUUID). */
  carrierRequestId: string | null;
  /** The bridged leg's CallUUID (DialBLegUUID). */
  contactLegCallId: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: unknown[];
}

export const CALL_MODEL = 'Call';

/**
 * An inbound call's id, derived from the carrier's CallUUID: a repeated answer webhook finds the call it
 * already created by _id (the one lookup FerretDB pushes down to SQL), and two at once cannot create two.
 * A hangup webhook that carries no ref of ours finds the call the same way.
 */
export function inboundCallIdOf(providerCallId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(`inbound-call\n${providerCallId}`).digest('hex').slice(0, 24));
}

export const callSchema = new Schema<CallDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    ...CONTACT_COPY_FIELDS,
    contactSyncedAt: { type: Date, required: true },
    listed: { type: Boolean, default: true },
    direction: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    status: { type: String, required: true },
    answered: { type: Boolean, default: false },
    durationSeconds: { type: Number, default: null },
    recording: { type: Object, default: null },
    userId: { type: String, default: null },
    agentPhone: { type: String, default: null },
    outcomeReason: { type: String, default: null },
    rejected: { type: Boolean, default: false },
    providerCallId: { type: String, default: null },
    providerCallKey: { type: String, required: true },
    carrierRequestId: { type: String, default: null },
    contactLegCallId: { type: String, default: null },
    startedAt: { type: Date, required: true, immutable: true },
    answeredAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'calls', versionKey: false, minimize: false },
);

callSchema.plugin(tenantScopedPlugin);
// One per query shape: the Calls tab newest first (F8), its name and phone searches (F9), a contact's
// calls for the timeline (F14, same order as messages), a carrier's call id (unique: one record per call).
callSchema.index({ tenantId: 1, listed: 1, startedAt: -1, _id: -1 });
callSchema.index({ tenantId: 1, listed: 1, searchKeys: 1, startedAt: -1 });
callSchema.index({ tenantId: 1, listed: 1, phoneDigitsReversed: 1 });
callSchema.index({ tenantId: 1, contactId: 1, startedAt: -1, _id: -1 });
callSchema.index({ tenantId: 1, providerCallKey: 1 }, { unique: true });
