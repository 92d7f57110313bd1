import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const SLOT_CLAIM_MODEL = 'SlotClaim';

/**
 * One 5-minute slot of one calendar, held by one appointment. The unique index is the double-booking
 * guard: FerretDB v1 has no multi-document transactions, but a single insert against a unique key is
 * atomic everywhere, so of two bookings racing for a slot exactly one insert succeeds.
 */
export interface SlotClaimDocument {
  _id: Types.ObjectId;
  tenantId: string;
  calendarId: Types.ObjectId;
  slot: Date;
  appointmentId: Types.ObjectId;
  /** The one claim operation that inserted it: a failed claim takes back exactly its own inserts. */
  claimToken: string;
  claimedAt: Date;
}

export const slotClaimSchema = new Schema<SlotClaimDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    calendarId: { type: Schema.Types.ObjectId, required: true },
    slot: { type: Date, required: true },
    appointmentId: { type: Schema.Types.ObjectId, required: true },
    claimToken: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'slot_claims', versionKey: false },
);
slotClaimSchema.plugin(tenantScopedPlugin);
slotClaimSchema.index({ tenantId: 1, calendarId: 1, slot: 1 }, { unique: true });
// An appointment's claims in slot order: releasing some or all, and the span of a conflicting holder.
slotClaimSchema.index({ tenantId: 1, calendarId: 1, appointmentId: 1, slot: 1 });
// A failed claim taking back exactly its own inserts.
slotClaimSchema.index({ tenantId: 1, calendarId: 1, claimToken: 1 });
