import { CallEventData, CallEventTypes, CallStatus, DomainEvent, ErrorCodes } from '@conversations/contracts';
import { DomainError, isDuplicateKey, KeyedQueue, newEvent, OutboxRelay } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { CALL_MODEL, CallDocument } from './call.schema';
import { callViewOf } from './call.view';

const MAX_WRITE_ATTEMPTS = 5;

export interface CallChange {
  set: Partial<CallDocument>;
  /** Publish evt.calls.updated with it (false for bookkeeping nobody sees, e.g. a carrier id). */
  notify: boolean;
}

export type Actor = DomainEvent['actor'];

/** Reads and writes of calls: every write is one single-document update carrying its events (outbox). */
@Injectable()
export class CallsRepository {
  /** Writes of one document from this process, one at a time (see KeyedQueue). */
  private readonly writing = new KeyedQueue();

  constructor(
    @InjectModel(CALL_MODEL) readonly calls: Model<CallDocument>,
    private readonly outbox: OutboxRelay,
  ) {}

  async load(tenantId: string, id: string | Types.ObjectId): Promise<CallDocument> {
    const call = Types.ObjectId.isValid(String(id)) ? await this.calls.findOne({ _id: String(id), tenantId }).lean<CallDocument>() : null;
    if (!call) throw DomainError.notFound(ErrorCodes.CALL_NOT_FOUND, 'Call');
    return call;
  }

  /**
   * A call named by a carrier webhook, whatever its tenant: the webhook (verified by the gateway) names
   * our call id in its ref, or — for an inbound call's hangup — the carrier's CallUUID, from which the
   * id is derived. A lookup by _id only, and the one cross-tenant read this service makes: the tenant is
   * what it finds out.
   */
  findForCarrier(id: Types.ObjectId): Promise<CallDocument | null> {
    return this.calls.findOne({ _id: id }).setOptions({ crossTenant: true }).lean<CallDocument>();
  }

  /** Inserts a new call with evt.calls.created; null when a call with this id or carrier id already exists. */
  async insert(call: CallDocument, actor: Actor): Promise<CallDocument | null> {
    const events = [this.event(CallEventTypes.created, actor, call)];
    try {
      await this.calls.create({ ...call, outbox: events });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    await this.outbox.relay(this.calls, call.tenantId, call._id, events);
    return call;
  }

  /**
   * The one write path for an existing call: read, compute, then an update conditioned on the version
   * read (retried on a concurrent write), its event in the same update. `compute` returning null = no change.
   */
  applyChange(
    tenantId: string,
    id: Types.ObjectId,
    actor: Actor,
    compute: (current: CallDocument) => CallChange | null,
  ): Promise<{ call: CallDocument; applied: boolean }> {
    // One change per call at a time in this process: the version check is atomic on MongoDB, but FerretDB
    // v1 (SQLite) lets two conditional updates of one document both succeed, and a carrier's hangup and
    // dial callbacks of one call often arrive together.
    return this.writing.run(`${tenantId}/${String(id)}`, () => this.applyChangeNow(tenantId, id, actor, compute));
  }

  private async applyChangeNow(
    tenantId: string,
    id: Types.ObjectId,
    actor: Actor,
    compute: (current: CallDocument) => CallChange | null,
  ): Promise<{ call: CallDocument; applied: boolean }> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.load(tenantId, id);
      const change = compute(current);
      if (!change) return { call: current, applied: false };
      const updated: CallDocument = { ...current, ...change.set, updatedAt: new Date(), version: current.version + 1 };
      const events = change.notify ? [this.event(CallEventTypes.updated, actor, updated, current.status)] : [];
      const result = await this.calls
        .updateOne(
          { _id: current._id, tenantId, version: current.version },
          {
            $set: { ...change.set, updatedAt: updated.updatedAt, version: updated.version },
            ...(events.length ? { $push: { outbox: { $each: events } } } : {}),
          },
        )
        .catch((error: { code?: number }) => {
          // Only the carrier's call id is unique besides _id: a webhook naming another call's CallUUID.
          if (isDuplicateKey(error)) throw DomainError.validation({ providerCallId: ['another call already has this carrier call id'] });
          throw error;
        });
      if (result.matchedCount === 0) continue;
      await this.outbox.relay(this.calls, tenantId, current._id, events);
      return { call: updated, applied: true };
    }
    throw new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The call is being changed by others right now; try again');
  }

  private event(type: string, actor: Actor, call: CallDocument, previousStatus?: CallStatus): DomainEvent<CallEventData> {
    return newEvent(type, call.tenantId, actor, {
      callId: String(call._id),
      contactId: String(call.contactId),
      call: callViewOf(call),
      ...(previousStatus && previousStatus !== call.status ? { previousStatus } : {}),
    });
  }
}
