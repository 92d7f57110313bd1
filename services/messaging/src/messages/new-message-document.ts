import type { RequestContext } from '@conversations/contracts';
import { Types } from 'mongoose';
import type { MessageDocument } from './message.schema';
import { MessagesRepository } from './messages.repository';
import type { OutboundDraft } from './messages.service';

/** What distinguishes one new message; the rest starts the same for every message. */
export type NewMessage = Pick<
  MessageDocument,
  '_id' | 'tenantId' | 'direction' | 'channel' | 'from' | 'to' | 'body' | 'segments' | 'status' | 'clientMessageId'
> &
  Partial<
    Pick<
      MessageDocument,
      'clientSupplied' | 'providerMessageId' | 'sendRound' | 'automated' | 'silenced' | 'sentBy' | 'scheduledAt' | 'cancelIfReplied'
    >
  > & {
    contactId: string;
  };

/**
 * A message as first stored (outbound queued or scheduled, inbound received): version 0, one status in its
 * trail, empty outbox. A scheduled one is due to the scheduler at its `scheduledAt`.
 */
export function newMessageDocument(fields: NewMessage, now = new Date()): MessageDocument {
  return {
    clientSupplied: false,
    providerMessageId: null,
    sendRound: 0,
    automated: false,
    silenced: false,
    sentBy: null,
    scheduledAt: null,
    cancelIfReplied: false,
    ...fields,
    contactId: new Types.ObjectId(fields.contactId),
    statusTrail: [{ status: fields.status, at: now.toISOString() }],
    failureReason: null,
    previousProviderIds: [],
    cancelReason: null,
    fireAt: fields.status === 'scheduled' ? (fields.scheduledAt ?? null) : null,
    fireLeaseToken: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
    outbox: [],
  };
}

/**
 * The stored form of a checked draft, queued now or scheduled: its id derives from the clientMessageId (so a
 * retry finds the first one), else a new one; `fields` say how it starts.
 */
export function outboundMessageOf(
  ctx: RequestContext,
  draft: OutboundDraft,
  fields: Pick<NewMessage, 'status' | 'sendRound' | 'clientSupplied'> & Partial<NewMessage>,
): MessageDocument {
  const _id = draft.clientMessageId ? MessagesRepository.idOf(ctx.tenantId, draft.clientMessageId) : new Types.ObjectId();
  return newMessageDocument({
    _id,
    tenantId: ctx.tenantId,
    contactId: draft.contact.id,
    direction: 'outbound',
    channel: draft.channel,
    from: draft.from,
    to: draft.contact.phone as string,
    body: draft.body,
    segments: draft.segments,
    clientMessageId: draft.clientMessageId ?? `auto:${_id}`,
    sentBy: ctx.userId,
    ...fields,
  });
}
