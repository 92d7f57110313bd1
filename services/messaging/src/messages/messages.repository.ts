import {
  DomainEvent,
  ErrorCodes,
  MessageEventData,
  MessageQueuedEventData,
  MessageStatus,
  MessagingEventTypes,
  RequestContext,
} from '@conversations/contracts';
import { DomainError, isDuplicateKey, KeyedQueue, newEvent, OutboxRelay } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { MESSAGE_MODEL, MessageDocument } from './message.schema';
import { messageViewOf } from './message.view';

const MAX_WRITE_ATTEMPTS = 5;

export interface MessageChange {
  set: Partial<MessageDocument>;
  /** Only added, never replaced: the status trail grows. */
  events: (updated: MessageDocument) => DomainEvent[];
}

export function actorOf(ctx: RequestContext): DomainEvent['actor'] {
  return ctx.userId.startsWith('system:') ? { system: ctx.userId.slice('system:'.length) } : { userId: ctx.userId };
}

/** Reads and writes of messages: every write is one single-document update carrying its events (outbox). */
@Injectable()
export class MessagesRepository {
  /** Writes of one document from this process, one at a time (see KeyedQueue). */
  private readonly writing = new KeyedQueue();

  constructor(
    @InjectModel(MESSAGE_MODEL) readonly messages: Model<MessageDocument>,
    private readonly outbox: OutboxRelay,
  ) {}

  async load(tenantId: string, id: string): Promise<MessageDocument> {
    const message = Types.ObjectId.isValid(id) ? await this.messages.findOne({ _id: id, tenantId }).lean<MessageDocument>() : null;
    if (!message) throw DomainError.notFound(ErrorCodes.MESSAGE_NOT_FOUND, 'Message');
    return message;
  }

  /**
   * The id a message with this idempotency key gets: derived from the key, so "was this already sent?"
   * is a lookup by _id — the one query FerretDB pushes down to SQL — and the _id's uniqueness is the
   * idempotency guarantee (the unique clientMessageId index says the same on MongoDB).
   */
  static idOf(tenantId: string, clientMessageId: string): Types.ObjectId {
    return new Types.ObjectId(createHash('sha1').update(`${tenantId}\n${clientMessageId}`).digest('hex').slice(0, 24));
  }

  findByClientId(tenantId: string, clientMessageId: string): Promise<MessageDocument | null> {
    return this.messages.findOne({ _id: MessagesRepository.idOf(tenantId, clientMessageId), tenantId }).lean<MessageDocument>();
  }

  /** Inserts a new message with its events; null when the idempotency key already exists (the caller reads the winner). */
  async insert(message: MessageDocument, events: DomainEvent[]): Promise<MessageDocument | null> {
    try {
      await this.messages.create({ ...message, outbox: events });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    await this.outbox.relay(this.messages, message.tenantId, message._id, events);
    return message;
  }

  /**
   * The one write path for an existing message: read, compute, then an update conditioned on the version
   * read (retried on a concurrent write), its events in the same update. `compute` returning null = no change.
   */
  async applyChange(
    tenantId: string,
    id: Types.ObjectId | string,
    compute: (current: MessageDocument) => MessageChange | null,
  ): Promise<MessageDocument> {
    // One change per message at a time in this process: the version check is atomic on MongoDB, but
    // FerretDB v1 (SQLite) lets two conditional updates of one document both succeed (the later one
    // wins), so concurrent delivery reports of one message are serialised here as well.
    return this.writing.run(`${tenantId}/${String(id)}`, () => this.applyChangeNow(tenantId, id, compute));
  }

  private async applyChangeNow(
    tenantId: string,
    id: Types.ObjectId | string,
    compute: (current: MessageDocument) => MessageChange | null,
  ): Promise<MessageDocument> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.load(tenantId, String(id));
      const change = compute(current);
      if (!change) return current;
      const updated: MessageDocument = { ...current, ...change.set, updatedAt: new Date(), version: current.version + 1 };
      const events = change.events(updated);
      const result = await this.messages.updateOne(
        { _id: current._id, tenantId, version: current.version },
        {
          $set: { ...change.set, updatedAt: updated.updatedAt, version: updated.version },
          ...(events.length ? { $push: { outbox: { $each: events } } } : {}),
        },
      );
      if (result.matchedCount === 0) continue;
      await this.outbox.relay(this.messages, tenantId, current._id, events);
      return updated;
    }
    throw new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The message is being changed by others right now; try again');
  }

  createdEvent(ctx: RequestContext, message: MessageDocument, notify: boolean): DomainEvent<MessageEventData> {
    return newEvent(MessagingEventTypes.messageCreated, ctx.tenantId, actorOf(ctx), {
      messageId: String(message._id),
      contactId: String(message.contactId),
      message: messageViewOf(message),
      notify,
    });
  }

  queuedEvent(ctx: RequestContext, message: MessageDocument): DomainEvent<MessageQueuedEventData> {
    return newEvent(MessagingEventTypes.messageQueued, ctx.tenantId, actorOf(ctx), {
      messageId: String(message._id),
      contactId: String(message.contactId),
      sendRound: message.sendRound,
    });
  }

  statusEvent(actor: DomainEvent['actor'], message: MessageDocument, previousStatus: MessageStatus): DomainEvent<MessageEventData> {
    return newEvent(MessagingEventTypes.messageStatusChanged, message.tenantId, actor, {
      messageId: String(message._id),
      contactId: String(message.contactId),
      message: messageViewOf(message),
      notify: true,
      previousStatus,
    });
  }
}
