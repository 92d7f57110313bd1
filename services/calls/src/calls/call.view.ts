import type { CallView, ContactView } from '@conversations/contracts';
import { contactCopyOf } from '@conversations/contact-copies';
import { Types } from 'mongoose';
import type { CallDocument } from './call.schema';

/** The gateway route that streams a call's recording to its own tenant only (the carrier's URL never leaves the back end). */
export function recordingPathOf(callId: string): string {
  return `/api/v1/calls/${callId}/recording`;
}

export function callViewOf(call: CallDocument): CallView {
  const id = String(call._id);
  return {
    id,
    contactId: String(call.contactId),
    contact: { fullName: call.contact?.fullName ?? '', phone: call.contact?.phone ?? null },
    direction: call.direction,
    from: call.from,
    to: call.to,
    status: call.status,
    answered: call.answered,
    durationSeconds: call.durationSeconds,
    recording: call.recording ? { durationSeconds: call.recording.durationSeconds, url: recordingPathOf(id) } : null,
    userId: call.userId,
    outcomeReason: call.outcomeReason,
    rejected: call.rejected,
    providerCallId: call.providerCallId,
    startedAt: call.startedAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    updatedAt: call.updatedAt.toISOString(),
  };
}

/**
 * A new call record: what the caller decides (ids, direction, numbers, status, who) over the defaults of
 * a call nothing has happened to yet — not answered, no recording, no carrier ids.
 */
export function newCall(
  fields: Pick<CallDocument, '_id' | 'tenantId' | 'direction' | 'from' | 'to' | 'status' | 'userId' | 'agentPhone'> & Partial<CallDocument>,
  contact: ContactView,
  now = new Date(),
): CallDocument {
  return {
    contactId: new Types.ObjectId(contact.id),
    ...contactCopyOf(contact),
    contactSyncedAt: new Date(contact.updatedAt),
    listed: true,
    answered: false,
    durationSeconds: null,
    recording: null,
    outcomeReason: null,
    rejected: false,
    providerCallId: null,
    providerCallKey: `call:${fields._id}`,
    carrierRequestId: null,
    contactLegCallId: null,
    startedAt: now,
    answeredAt: null,
    endedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
    outbox: [],
    ...fields,
  };
}
