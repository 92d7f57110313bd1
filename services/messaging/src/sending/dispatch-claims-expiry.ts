import { deleteOlderThan } from '@conversations/service-kit';
import type { Model } from 'mongoose';
import type { DispatchClaimDocument } from './dispatch.schema';

/**
 * How long a dispatch claim (`<messageId>.<round>.<attempt>`) is kept. It only matters to a worker between
 * reading a pending dispatch and inserting the claim of its next attempt — milliseconds, within one lease
 * in any case; after that the dispatch has moved past that attempt or is gone. Without expiry every
 * retried send would leave its claims behind forever. A day, or ten leases if a lease is set longer.
 */
export function dispatchClaimRetentionMs(sendLeaseMs: number): number {
  return Math.max(24 * 3600_000, 10 * sendLeaseMs);
}

export const DISPATCH_CLAIM_SWEEP_MS = 10 * 60_000;

/** Deletes the claims older than the retention (a bounded batch per call: see `deleteOlderThan`). */
export function deleteOldDispatchClaims(claims: Model<DispatchClaimDocument>, sendLeaseMs: number, now = new Date()): Promise<number> {
  return deleteOlderThan(claims, 'createdAt', new Date(now.getTime() - dispatchClaimRetentionMs(sendLeaseMs)));
}
