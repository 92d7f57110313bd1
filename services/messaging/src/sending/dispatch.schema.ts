import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

/**
 * The send worker's open work: one document per outbound message while it is being handed to the
 * carrier, deleted once the carrier has it (or it failed for good). Kept apart from the messages so the
 * recovery sweep reads a handful of in-flight documents, never the whole message history.
 *
 * - pending: waiting for a worker (from `nextAttemptAt`, after a transient carrier error)
 * - claimed: one worker owns it until `leaseUntil` and is calling the carrier
 * - unknown: a call was interrupted (crash, timeout, 5xx) — the carrier may or may not have it; its
 *   delivery report (carrying our ref) settles that, otherwise the carrier's own record is checked
 * - accepted: the carrier took it (`providerMessageId`); its first delivery report records that on the
 *   message and removes this document (the worker never writes the message: see MessagesRepository)
 */
export type DispatchState = 'pending' | 'claimed' | 'unknown' | 'accepted';

export interface DispatchDocument {
  /** The message's id: one open dispatch per message. */
  _id: Types.ObjectId;
  tenantId: string;
  /** The message's send round (a user's retry starts a new one). */
  round: number;
  state: DispatchState;
  attempts: number;
  nextAttemptAt: Date;
  leaseToken: string | null;
  leaseUntil: Date | null;
  unknownSince: Date | null;
  providerMessageId: string | null;
  createdAt: Date;
}

export const DISPATCH_MODEL = 'Dispatch';

export const dispatchSchema = new Schema<DispatchDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    round: { type: Number, required: true },
    state: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseToken: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    unknownSince: { type: Date, default: null },
    providerMessageId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'dispatches', versionKey: false, minimize: false },
);

dispatchSchema.plugin(tenantScopedPlugin);
// The sweep across tenants (a system job).
dispatchSchema.index({ state: 1, nextAttemptAt: 1 });
// Whether a carrier id of an unknown-outcome send is one we are still expecting a report for.
dispatchSchema.index({ tenantId: 1, providerMessageId: 1 });

/**
 * One document per claim of a pending dispatch (`<messageId>.<round>.<attempt>`): inserting it is the
 * claim. A unique insert is atomic even on FerretDB v1, where a conditional update is not.
 */
export interface DispatchClaimDocument {
  _id: string;
  tenantId: string;
  createdAt: Date;
}
export const DISPATCH_CLAIM_MODEL = 'DispatchClaim';
export const dispatchClaimSchema = new Schema<DispatchClaimDocument>(
  { _id: { type: String, required: true }, tenantId: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { collection: 'dispatch_claims', versionKey: false },
);
dispatchClaimSchema.plugin(tenantScopedPlugin);
