import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { deleteOlderThan, isDuplicateKey, PeriodicSweep, ROOT_LOGGER, startPeriodicSweep } from '@conversations/service-kit';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Span } from '../calendars/working-hours';
import { SLOT_CLAIM_MODEL, SlotClaimDocument } from './slot-claim.schema';

export const SLOT_MINUTES = 5;
const SLOT_MS = SLOT_MINUTES * 60_000;
const MAX_ATTEMPTS = 4;

/**
 * A claim is deleted once its slot is this far in the past. Bookings and reschedules only claim future
 * slots (booking-rules), so a past slot is never contested again; the day is longer than any holder's
 * whole span (at most 480 minutes plus a 240-minute buffer), which a contest of one of its future slots
 * reads, and than any clock skew between replicas.
 */
const ENDED_CLAIM_RETENTION_MS = 24 * 3600_000;
const ENDED_CLAIM_SWEEP_MS = 10 * 60_000;

/** The start of every 5-minute slot in [start, end) (both on the grid), as epoch milliseconds. */
export function slotsOf(span: Span): number[] {
  const slots: number[] = [];
  for (let slot = span.start.getTime(); slot < span.end.getTime(); slot += SLOT_MS) slots.push(slot);
  return slots;
}

export interface ClaimRef {
  tenantId: string;
  calendarId: Types.ObjectId;
  appointmentId: Types.ObjectId;
}

/** Who holds a slot a booking wanted, and every slot it holds. */
export interface ClaimHolder {
  appointmentId: Types.ObjectId;
  claims: Array<{ slot: number; claimedAt: Date }>;
  /** From its first slot to the end of its last (its appointment plus buffer). */
  span: Span;
}

/**
 * Removes a holder's claims that are left-overs of a crash mid-booking, mid-reschedule or mid-cancel,
 * answering whether it removed any (then the claim is tried again).
 */
export type StaleClaimsCleaner = (holder: ClaimHolder) => Promise<boolean>;

@Injectable()
export class SlotClaimsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private endedClaimsSweep?: PeriodicSweep;

  constructor(
    @InjectModel(SLOT_CLAIM_MODEL) private readonly claims: Model<SlotClaimDocument>,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** The unique index IS the double-booking guard, so no booking is taken before it exists. */
  async onModuleInit(): Promise<void> {
    await this.claims.init();
  }

  /** Claims would otherwise outlive their slots forever (one per 5 minutes of every appointment ever booked). */
  onApplicationBootstrap(): void {
    this.endedClaimsSweep = startPeriodicSweep('slot_claims', () => this.deleteEndedClaims(), {
      intervalMs: ENDED_CLAIM_SWEEP_MS,
      logger: this.logger,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.endedClaimsSweep?.stop();
  }

  /** Deletes the claims of slots that ended long ago (a bounded batch per call: see `deleteOlderThan`). */
  deleteEndedClaims(now = new Date()): Promise<number> {
    return deleteOlderThan(this.claims, 'slot', new Date(now.getTime() - ENDED_CLAIM_RETENTION_MS));
  }

  /**
   * Claims all `slots` for the appointment, or none: inserted in time order with `ordered: true`, so the
   * first slot already held stops the insert, and what was inserted before it is deleted again. Time
   * order also means two overlapping bookings meet at the same first contested slot, so one of them
   * wins rather than both losing. Returns null on success, else the holder of a contested slot.
   */
  async claim(ref: ClaimRef, slots: number[], clearStale: StaleClaimsCleaner): Promise<ClaimHolder | null> {
    const sorted = [...slots].sort((a, b) => a - b);
    if (!sorted.length) return null;
    let holder: ClaimHolder | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const claimedAt = new Date();
      const claimToken = randomUUID();
      try {
        await this.claims.insertMany(
          sorted.map((slot) => ({
            tenantId: ref.tenantId,
            calendarId: ref.calendarId,
            slot: new Date(slot),
            appointmentId: ref.appointmentId,
            claimToken,
            claimedAt,
          })),
          { ordered: true, lean: true },
        );
        return null;
      } catch (error) {
        // By token, not by appointment: a concurrent change of the same appointment may hold the rest.
        await this.claims.deleteMany({ tenantId: ref.tenantId, calendarId: ref.calendarId, claimToken });
        if (!isDuplicateKey(error)) throw error;
      }
      holder = await this.holderOf(ref, sorted, claimToken);
      // The holder gave its claims up meanwhile (it lost a race itself, or was cancelled): try again.
      if (!holder) continue;
      if (!(await clearStale(holder))) return holder;
    }
    return (
      holder ?? {
        appointmentId: ref.appointmentId,
        claims: [],
        span: { start: new Date(sorted[0]), end: new Date(sorted[sorted.length - 1] + SLOT_MS) },
      }
    );
  }

  /**
   * Gives up some of the appointment's slots: those a reschedule no longer covers, or those a change
   * claimed before its write lost a race (slots are unique per calendar, so they are exactly its own).
   */
  async release(ref: ClaimRef, slots: number[]): Promise<void> {
    if (!slots.length) return;
    await this.claims.deleteMany({
      tenantId: ref.tenantId,
      calendarId: ref.calendarId,
      appointmentId: ref.appointmentId,
      slot: { $in: slots.map((slot) => new Date(slot)) },
    });
  }

  async releaseAll(ref: ClaimRef): Promise<void> {
    await this.claims.deleteMany({ tenantId: ref.tenantId, calendarId: ref.calendarId, appointmentId: ref.appointmentId });
  }

  /** The earliest holder of one of `slots` (not this claim operation), with the whole span it claims. */
  private async holderOf(ref: ClaimRef, slots: number[], claimToken: string): Promise<ClaimHolder | null> {
    const first = await this.claims
      .findOne({
        tenantId: ref.tenantId,
        calendarId: ref.calendarId,
        slot: { $in: slots.map((slot) => new Date(slot)) },
        claimToken: { $ne: claimToken },
      })
      .sort({ slot: 1 })
      .lean<SlotClaimDocument>();
    if (!first) return null;
    const all = await this.claims
      .find({ tenantId: ref.tenantId, calendarId: ref.calendarId, appointmentId: first.appointmentId }, { slot: 1, claimedAt: 1 })
      .sort({ slot: 1 })
      .lean<SlotClaimDocument[]>();
    const claims = (all.length ? all : [first]).map((claim) => ({ slot: claim.slot.getTime(), claimedAt: claim.claimedAt }));
    return {
      appointmentId: first.appointmentId,
      claims,
      span: { start: new Date(claims[0].slot), end: new Date(claims[claims.length - 1].slot + SLOT_MS) },
    };
  }
}
