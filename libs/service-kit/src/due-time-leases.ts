import type { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A claim of one due document: its token, and the due time that keeps it this replica's until then. */
export interface DueTimeLease {
  token: string;
  until: Date;
}

export interface DueTimeLeasesOptions<T> {
  /** Equality conditions of a document that is still to be done, e.g. `{ status: 'pending' }`: the index's leading fields. */
  open: Partial<Record<keyof T & string, string | number | boolean>>;
  /** The Date field the schedule sorts by: due when it is past. Claiming moves it a lease ahead. */
  dueField: keyof T & string;
  /** The field holding the current claim's token (null when none). */
  tokenField: keyof T & string;
  leaseMs: number;
  /** Named in every token this process issues, so a claim in the store says whose it is (default `<host>:<pid>`). */
  holder?: string;
}

/**
 * Work due at a time, kept in the store and shared by replicas: a document is due once `dueField` is past,
 * found by one query an index `{ ...open fields, dueField: 1 }` serves (equality first, then the due time;
 * sorted by it and bounded), and claimed by one conditional single-document update that moves its due time
 * a lease ahead under a fresh token. Of replicas that read the same row one wins; one that dies holding a
 * claim leaves the document due again when the lease ends, so the work is retried, never lost. The claim is
 * atomic on MongoDB (every single-document write is) and on the devstack's FerretDB v1 (its write
 * serializer, see VersionedStore). What the work then writes should be conditioned on the token (or on
 * the document's version), so a holder whose lease ran out meanwhile changes nothing.
 */
export class DueTimeLeases<T extends { _id: unknown; tenantId: string }> {
  readonly holder: string;

  constructor(
    private readonly model: Model<T>,
    private readonly options: DueTimeLeasesOptions<T>,
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}`;
  }

  /**
   * The open documents due by `until`, soonest first, at most `limit` (a system job: across tenants). With
   * `until` ahead of now — claiming work a little before its time, to start it on time — a document still
   * under another replica's lease is left out: it is due again only when that lease has ended.
   */
  async due(limit: number, until = new Date()): Promise<T[]> {
    const { open, dueField, tokenField } = this.options;
    const rows = await this.model
      .find({ ...open, [dueField]: { $lte: until } } as QueryFilter<T>)
      .setOptions({ crossTenant: true })
      .sort({ [dueField]: 1 })
      .limit(limit)
      .lean<T[]>();
    const now = Date.now();
    return (rows as Record<string, unknown>[]).filter((row) => !row[tokenField] || (row[dueField] as Date).getTime() <= now) as T[];
  }

  /** A new claim, held until a lease after `from` (now, or the later time the work is due at). */
  newLease(from = new Date()): DueTimeLease {
    return { token: `${this.holder}/${randomUUID()}`, until: new Date(Math.max(from.getTime(), Date.now()) + this.options.leaseMs) };
  }

  /** Claims `row` as `due` read it: true when this replica now holds it under `lease` (false: another got there first). */
  async claim(row: T, lease: DueTimeLease = this.newLease()): Promise<boolean> {
    const { dueField, tokenField } = this.options;
    const claim = { $set: { [dueField]: lease.until, [tokenField]: lease.token } } as UpdateQuery<T>;
    const result = await this.model.updateOne(this.sameAsRead(row), claim);
    return result.modifiedCount === 1;
  }

  /** Gives a claim back before its lease ends: the document is due again at `dueAt` (a shutdown, a retry soon). */
  async release(row: T, token: string, dueAt = new Date()): Promise<boolean> {
    const { open, dueField, tokenField } = this.options;
    const result = await this.model.updateOne(
      { _id: row._id, tenantId: row.tenantId, ...open, [tokenField]: token } as QueryFilter<T>,
      { $set: { [dueField]: dueAt, [tokenField]: null } } as UpdateQuery<T>,
    );
    return result.modifiedCount === 1;
  }

  private sameAsRead(row: T): QueryFilter<T> {
    const { open, dueField, tokenField } = this.options;
    const read = row as Record<string, unknown>;
    return {
      _id: row._id,
      tenantId: row.tenantId,
      ...open,
      [tokenField]: read[tokenField] ?? null,
      [dueField]: read[dueField],
    } as QueryFilter<T>;
  }
}
