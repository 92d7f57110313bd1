import { CONTACT_COPY_FIELDS, type ContactCopy } from '@conversations/contact-copies';
import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import type { MessageDirection } from '@conversations/contracts';
import { Schema, Types } from 'mongoose';
import { createHash } from 'node:crypto';

/** Epoch: the "last message" time of a conversation without messages (a real date keeps keyset cursors simple). */
export const NEVER = new Date(0);

/**
 * One per contact: what the Chat tab lists (F6, F7, F11) and the contact's SMS From choice (F31). Its
 * ContactCopy is denormalised from the contacts service (kept current from evt.contacts.*), so Chat search is one query.
 */
export interface ConversationDocument extends ContactCopy {
  _id: Types.ObjectId;
  tenantId: string;
  contactId: Types.ObjectId;
  /** The contact event time (or read time) the copy reflects; older updates are ignored. */
  contactSyncedAt: Date;
  /** True once the conversation has a message: only those are listed in the Chat tab. */
  listed: boolean;
  lastMessageAt: Date;
  lastMessageId: Types.ObjectId | null;
  lastMessagePreview: string | null;
  lastMessageDirection: MessageDirection | null;
  unreadCount: number;
  smsFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
  outbox: unknown[];
}

export const CONVERSATION_MODEL = 'Conversation';

/**
 * A contact's conversation id, derived from tenant and contact: finding it is a lookup by _id (the one
 * query FerretDB pushes down to SQL), and two first messages at once cannot create two conversations.
 */
export function conversationIdOf(tenantId: string, contactId: string | Types.ObjectId): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha1')
      .update(`conversation\n${tenantId}\n${String(contactId)}`)
      .digest('hex')
      .slice(0, 24),
  );
}

export const conversationSchema = new Schema<ConversationDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    ...CONTACT_COPY_FIELDS,
    contactSyncedAt: { type: Date, default: () => NEVER },
    listed: { type: Boolean, default: false },
    lastMessageAt: { type: Date, default: () => NEVER },
    lastMessageId: { type: Schema.Types.ObjectId, default: null },
    lastMessagePreview: { type: String, default: null },
    lastMessageDirection: { type: String, default: null },
    unreadCount: { type: Number, default: 0 },
    smsFrom: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    ...OUTBOX_FIELD,
  },
  { collection: 'conversations', versionKey: false, minimize: false },
);

conversationSchema.plugin(tenantScopedPlugin);
// One per query shape: by contact; the Chat tab newest activity first; its name and phone searches.
conversationSchema.index({ tenantId: 1, contactId: 1 }, { unique: true });
conversationSchema.index({ tenantId: 1, listed: 1, lastMessageAt: -1, _id: -1 });
conversationSchema.index({ tenantId: 1, listed: 1, searchKeys: 1, lastMessageAt: -1 });
conversationSchema.index({ tenantId: 1, listed: 1, phoneDigitsReversed: 1 });
