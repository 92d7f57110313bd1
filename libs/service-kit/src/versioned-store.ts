import type { DomainEvent } from '@conversations/contracts';
import { isValidObjectId, type Model } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';
import type { DomainError } from './errors';
import type { OutboxRelay } from './outbox';

/** What every document written through a VersionedStore carries. */
export interface VersionedDocument {
  _id: unknown;
  tenantId: string;
  /** Written changes so far; a document stored before it had one counts as 0. */
  version?: number;
  updatedAt?: Date;
}

/** One change to a document: the fields it sets and the events describing it (written with it). */
export interface StoreChange<T> {
  set: Partial<T>;
  /** The events of the change, computed from the document as it will be stored. */
  events: (updated: T) => DomainEvent[] | Promise<DomainEvent[]>;
  /** Undo side effects of this attempt (e.g. claims taken for it) when another writer got there first. */
  abandoned?: () => Promise<void>;
}

export interface StoreChangeResult<T> {
  /** The document as read before the change (the last read, when retried). */
  current: T;
  /** The document as now stored (equal to `current` when nothing changed). */
  updated: T;
  /** False when the change computed nothing to do. */
  applied: boolean;
  events: DomainEvent[];
}

export interface VersionedStoreOptions {
  /** The error for an id that names no document of the tenant (or is not an id at all). */
  notFound: () => DomainError;
  /** The error when others keep changing the document faster than this change can be applied. */
  busy: () => DomainError;
  /** Conditions a document must meet to be read at all, e.g. `{ deleted: false }`. */
  visible?: Record<string, unknown>;
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * The one write path for documents that change: read, compute a change, then write it with a
 * single-document update conditioned on the version read, its events in the same update (transactional
 * outbox, see OutboxRelay), then published. A writer that loses the race reads again and recomputes.
 *
 * One strategy across replicas: the version filter is atomic on MongoDB (every single-document write
 * is), and on the devstack's FerretDB v1 because its write serializer runs one write command at a time
 * (tools/devstack/write_serializer.go). No in-process queue or lock document is needed on either.
 */
export class VersionedStore<T extends VersionedDocument> {
  constructor(
    readonly model: Model<T>,
    private readonly outbox: OutboxRelay,
    private readonly options: VersionedStoreOptions,
  ) {}

  /** The tenant's document with this id, or null (also for a malformed id). */
  find(tenantId: string, id: unknown): Promise<T | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.model.findOne({ _id: id, tenantId, ...this.options.visible }).lean<T>() as Promise<T | null>;
  }

  async load(tenantId: string, id: unknown): Promise<T> {
    const document = await this.find(tenantId, id);
    if (!document) throw this.options.notFound();
    return document;
  }

  /**
   * Inserts a new document with the events describing it. Returns false when a unique key (its `_id`
   * included) already exists: the caller decides what that means (an idempotent retry, a conflict).
   */
  async insert(document: T, events: DomainEvent[]): Promise<boolean> {
    try {
      await this.model.create({ ...document, version: document.version ?? 0, outbox: events });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.outbox.relay(this.model, document.tenantId, document._id, events);
    return true;
  }

  /**
   * Applies `compute`'s change to the document, retrying on a concurrent write. `compute` returning null
   * means there is nothing to do. A unique-key violation by the change is thrown as the driver's error
   * (see isDuplicateKey) for the caller to name.
   */
  async change(
    tenantId: string,
    id: unknown,
    compute: (current: T) => StoreChange<T> | null | Promise<StoreChange<T> | null>,
  ): Promise<StoreChangeResult<T>> {
    const attempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await backOff(attempt);
      const current = await this.load(tenantId, id);
      const change = await compute(current);
      if (!change) return { current, updated: current, applied: false, events: [] };
      const version = current.version ?? 0;
      const updated = { ...current, ...change.set, updatedAt: new Date(), version: version + 1 } as T;
      const events = await change.events(updated);
      const result = await this.model.updateOne(
        // A document stored before it had a version matches version 0 (null matches a missing field).
        { _id: current._id, tenantId, version: version === 0 ? { $in: [0, null] } : version },
        {
          $set: { ...change.set, updatedAt: updated.updatedAt, version: version + 1 },
          ...(events.length ? { $push: { outbox: { $each: events } } } : {}),
        },
      );
      if (result.matchedCount === 0) {
        await change.abandoned?.();
        continue;
      }
      await this.outbox.relay(this.model, tenantId, current._id, events);
      return { current, updated, applied: true, events };
    }
    throw this.options.busy();
  }
}

/** Jittered, growing waits, so writers that keep colliding spread out instead of colliding again. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.min(100, 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
