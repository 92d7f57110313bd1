import { CallEventData, CallEventTypes, CallStatus, DomainEvent, ErrorCodes } from '@conversations/contracts';
import { DomainError, isDuplicateKey, newEvent, OutboxRelay, VersionedStore } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { CALL_MODEL, CallDocument } from './call.schema';
import { callViewOf } from './call.view';

export interface CallChange {
  set: Partial<CallDocument>;
  /** Publish evt.calls.updated with it (false for bookkeeping nobody sees, e.g. a carrier id). */
  notify: boolean;
}

export type Actor = DomainEvent['actor'];

/** Reads and writes of calls: every write is one single-document update carrying its events (outbox). */
@Injectable()
export class CallsRepository {
  private readonly store: VersionedStore<CallDocument>;

  constructor(
    @InjectModel(CALL_MODEL) readonly calls: Model<CallDocument>,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(calls, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.CALL_NOT_FOUND, 'Call'),
      busy: () => new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The call is being changed by others right now; try again'),
    });
  }

  load(tenantId: string, id: string | Types.ObjectId): Promise<CallDocument> {
    return this.store.load(tenantId, id);
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
    return (await this.store.insert(call, [this.event(CallEventTypes.created, actor, call)])) ? call : null;
  }

  /** The one write path for an existing call (see VersionedStore); `compute` returning null = no change. */
  async applyChange(
    tenantId: string,
    id: Types.ObjectId,
    actor: Actor,
    compute: (current: CallDocument) => CallChange | null,
  ): Promise<{ call: CallDocument; applied: boolean }> {
    const result = await this.store
      .change(tenantId, id, (current) => {
        const change = compute(current);
        if (!change) return null;
        return {
          set: change.set,
          events: (updated) => (change.notify ? [this.event(CallEventTypes.updated, actor, updated, current.status)] : []),
        };
      })
      .catch((error: unknown) => {
        // Only the carrier's call id is unique besides _id: a webhook naming another call's CallUUID.
        if (isDuplicateKey(error)) throw DomainError.validation({ providerCallId: ['another call already has this carrier call id'] });
        throw error;
      });
    return { call: result.updated, applied: result.applied };
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
