import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import type { MessageChannel, MessageDirection, MessageStatus, MessageStatusChange, ScheduleCancelReason } from '@conversations/contracts';
import { Schema, type Types } from 'mongoose';

export interface MessageDocument {
  _id: Types.ObjectId;
  tenantId: string;
  contactId: Types.ObjectId;
  direction: MessageDirection;
  channel: MessageChannel;
  from: string;
  to: string;
  body: string;
  segments: number;
  status: MessageStatus;
  statusTrail: MessageStatusChange[];
  failureReason: string | null;
  /** Idempotency key, unique per tenant and always present (FerretDB has no partial indexes): the client's id, `auto:<_id>` or `carrier:<uuid>`. */
  clientMessageId: string;
  clientSupplied: boolean;
  providerMessageId: string | null;
  /** Provider ids of earlier rounds, so their late callbacks are recognised and ignored. */
  previousProviderIds: string[];
  /** Outbound: the send round (1, then +1 per retry); the carrier callback's ref names it. Inbound: 0. */
  sendRound: number;
  automated: boolean;
  silenced: boolean;
  sentBy: string | null;
  /** F38: when a message sent later is due; null for a message sent at once. */
  scheduledAt: Date | null;
  cancelIfReplied: boolean;
  cancelReason: ScheduleCancelReason | null;
  /**
   * F38: the due index of the scheduler (status `scheduled` only): `scheduledAt`, moved a lease ahead while
   * a replica holds it (service-kit DueTimeLeases), null once it went or was canceled.
   */
  fireAt: Date | null;
  /** The claim of the replica holding the schedule (`<host>:<pid>/<uuid>`), or null. */
  fireLeaseToken: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: unknown[];
}

export const MESSAGE_MODEL = 'Message';

export const messageSchema = new Schema<MessageDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    direction: { type: String, required: true },
    channel: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    body: { type: String, required: true },
    segments: { type: Number, default: 1 },
    status: { type: String, required: true },
    statusTrail: { type: [Object], default: [] },
    failureReason: { type: String, default: null },
    clientMessageId: { type: String, required: true },
    clientSupplied: { type: Boolean, default: false },
    providerMessageId: { type: String, default: null },
    previousProviderIds: { type: [String], default: [] },
    sendRound: { type: Number, default: 0 },
    automated: { type: Boolean, default: false },
    silenced: { type: Boolean, default: false },
    sentBy: { type: String, default: null },
    scheduledAt: { type: Date, default: null },
    cancelIfReplied: { type: Boolean, default: false },
    cancelReason: { type: String, default: null },
    fireAt: { type: Date, default: null },
    fireLeaseToken: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'messages', versionKey: false, minimize: false },
);

messageSchema.plugin(tenantScopedPlugin);
// Idempotent sends and deduplicated inbound webhooks.
messageSchema.index({ tenantId: 1, clientMessageId: 1 }, { unique: true });
// A contact's timeline, newest first.
messageSchema.index({ tenantId: 1, contactId: 1, createdAt: -1, _id: -1 });
// Delivery reports without our ref.
messageSchema.index({ tenantId: 1, providerMessageId: 1 });
// Carrier ids of earlier rounds (a retried send): whether the carrier's record of a send is ours.
messageSchema.index({ tenantId: 1, previousProviderIds: 1 });
// F38: the scheduler's due-time sweep across tenants — scheduled messages, soonest first.
messageSchema.index({ status: 1, fireAt: 1 });
// F38: a tenant's scheduled messages, soonest first; one contact's (and those a reply cancels).
messageSchema.index({ tenantId: 1, status: 1, scheduledAt: 1, _id: 1 });
messageSchema.index({ tenantId: 1, contactId: 1, status: 1, scheduledAt: 1, _id: 1 });
