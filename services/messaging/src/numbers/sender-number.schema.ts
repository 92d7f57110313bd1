import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

/** A phone number the tenant sends from and receives on. */
export interface SenderNumberDocument {
  _id: Types.ObjectId;
  tenantId: string;
  /** E.164; globally unique, because a carrier webhook names only the number and we resolve the tenant from it. */
  number: string;
  label: string;
  capabilities: { sms: boolean; whatsapp: boolean; voice: boolean };
  createdAt: Date;
}

export const SENDER_NUMBER_MODEL = 'SenderNumber';

export const senderNumberSchema = new Schema<SenderNumberDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    number: { type: String, required: true },
    label: { type: String, default: '' },
    capabilities: {
      sms: { type: Boolean, default: false },
      whatsapp: { type: Boolean, default: false },
      voice: { type: Boolean, default: false },
    },
    createdAt: { type: Date, required: true },
    ...OUTBOX_FIELD,
  },
  { collection: 'sender_numbers', versionKey: false, minimize: false },
);

senderNumberSchema.plugin(tenantScopedPlugin);
senderNumberSchema.index({ number: 1 }, { unique: true });
senderNumberSchema.index({ tenantId: 1, number: 1 });
// The default From of a channel: the tenant's first number able to send on it.
senderNumberSchema.index({ tenantId: 1, 'capabilities.sms': 1, number: 1 });
senderNumberSchema.index({ tenantId: 1, 'capabilities.whatsapp': 1, number: 1 });
