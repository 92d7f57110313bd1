import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import type { DndChange, DndSettings } from '@conversations/contracts';
import { Schema, type Types } from 'mongoose';

export interface ContactDocument {
  _id: Types.ObjectId;
  tenantId: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string;
  phone: string | null;
  /** Unique per tenant: the E.164 phone of a live contact, or a unique placeholder (FerretDB has no partial indexes). */
  phoneKey: string;
  phoneDigitsReversed: string | null;
  email: string | null;
  company: string | null;
  address: Record<string, string | null> | null;
  timeZone: string | null;
  dateOfBirth: string | null;
  source: string | null;
  customFields: Record<string, string | number | boolean | null>;
  /** Name words, lower-case without accents, for prefix search (F2). */
  searchKeys: string[];
  tagIds: Types.ObjectId[];
  dispositionId: Types.ObjectId | null;
  dnd: DndSettings;
  dndHistory: DndChange[];
  assignment: { type: 'unassigned' | 'company' | 'user'; userId: string | null };
  deleted: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: every write is conditioned on the version it read. */
  version: number;
  outbox: unknown[];
}

export const CONTACT_MODEL = 'Contact';

export const contactSchema = new Schema<ContactDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    firstName: { type: String, default: null },
    lastName: { type: String, default: null },
    fullName: { type: String, default: '' },
    phone: { type: String, default: null },
    phoneKey: { type: String, required: true },
    phoneDigitsReversed: { type: String, default: null },
    email: { type: String, default: null },
    company: { type: String, default: null },
    address: { type: Object, default: null },
    timeZone: { type: String, default: null },
    dateOfBirth: { type: String, default: null },
    source: { type: String, default: null },
    customFields: { type: Object, default: {} },
    searchKeys: { type: [String], default: [] },
    tagIds: { type: [Schema.Types.ObjectId], default: [] },
    dispositionId: { type: Schema.Types.ObjectId, default: null },
    dnd: {
      all: { type: Boolean, default: false },
      email: { type: Boolean, default: false },
      sms: { type: Boolean, default: false },
      calls: { type: Boolean, default: false },
      inboundCallsAndSms: { type: Boolean, default: false },
    },
    dndHistory: { type: [Object], default: [] },
    assignment: {
      type: { type: String, default: 'unassigned' },
      userId: { type: String, default: null },
    },
    deleted: { type: Boolean, default: false },
    deletedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'contacts', versionKey: false, minimize: false },
);

contactSchema.plugin(tenantScopedPlugin);
// One index per query shape served (see contacts.service.ts).
contactSchema.index({ tenantId: 1, phoneKey: 1 }, { unique: true });
contactSchema.index({ tenantId: 1, deleted: 1, createdAt: -1, _id: -1 });
contactSchema.index({ tenantId: 1, deleted: 1, searchKeys: 1, createdAt: -1 });
contactSchema.index({ tenantId: 1, deleted: 1, phoneDigitsReversed: 1 });
contactSchema.index({ tenantId: 1, tagIds: 1 });
contactSchema.index({ tenantId: 1, dispositionId: 1 });
