import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema } from 'mongoose';

export const DOCUMENT_LOCK_MODEL = 'DocumentLock';

/** A short lease on one document, held by whoever inserted it (its `_id` is the document's key). */
export interface DocumentLockDocument {
  _id: string;
  tenantId: string;
  token: string;
  lockedAt: Date;
}

export const documentLockSchema = new Schema<DocumentLockDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, immutable: true },
    token: { type: String, required: true },
    lockedAt: { type: Date, required: true },
  },
  { collection: 'document_locks', versionKey: false },
);
documentLockSchema.plugin(tenantScopedPlugin);
