import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const NOTE_MODEL = 'Note';

export interface NoteDocument {
  _id: Types.ObjectId;
  tenantId: string;
  contactId: Types.ObjectId;
  body: string;
  authorId: string;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  version?: number;
  outbox: unknown[];
}

export const noteSchema = new Schema<NoteDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true },
    authorId: { type: String, required: true },
    deleted: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'notes', versionKey: false },
);
noteSchema.plugin(tenantScopedPlugin);
// F29 list: a contact's notes, most recently updated first, by cursor.
noteSchema.index({ tenantId: 1, contactId: 1, deleted: 1, updatedAt: -1, _id: -1 });
