import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema } from 'mongoose';

/** A tenant's call handling. One document per tenant, its _id the tenant id; absent = the defaults. */
export interface CallSettingsDocument {
  _id: string;
  tenantId: string;
  /** Record bridged calls (click-to-call and inbound), from the moment the other side answers. */
  recordCalls: boolean;
  /** An inbound call nobody answers goes to voicemail (greeting, then the caller's message is recorded). */
  voicemail: boolean;
  voicemailGreeting: string;
  /** Where an inbound call rings when the contact has no assigned team member with a phone (E.164), e.g. the front desk. */
  defaultNumber: string | null;
  updatedAt: Date;
}

export const CALL_SETTINGS_MODEL = 'CallSettings';

export const callSettingsSchema = new Schema<CallSettingsDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, immutable: true },
    recordCalls: { type: Boolean, default: false },
    voicemail: { type: Boolean, default: true },
    voicemailGreeting: { type: String, required: true },
    defaultNumber: { type: String, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'call_settings', versionKey: false, minimize: false },
);

callSettingsSchema.plugin(tenantScopedPlugin);
