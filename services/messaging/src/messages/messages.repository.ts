import {
  DomainEvent,
  ErrorCodes,
  MessageEventData,
  MessageQueuedEventData,
  MessageStatus,
  MessagingEventTypes,
  RequestContext,
} from '@conversations/contracts';
import { DomainError, newEvent, OutboxRelay, type StoreChange, type StoreChangeResult, VersionedStore } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { MESSAGE_MODEL, MessageDocument } from './message.schema';
import { messageViewOf } from './message.view';

/** F38: the facts of a message sent later. */
export type ScheduleEventType =
  typeof MessagingEventTypes.messageScheduled | typeof MessagingEventTypes.messageUpdated | typeof MessagingEventTypes.messageCanceled;

/** A change of a message: the fields it sets and its events (the status trail only grows). */
export type MessageChange = StoreChange<MessageDocument>;

export function actorOf(ctx: RequestContext): DomainEvent['actor'] {
  return ctx.userId.startsWith('system:') ? { system: ctx.userId.slice('system:'.length) } : { userId: ctx.userId };
}

/** Reads and writes of messages: every write is one single-document update carrying its events (outbox). */
@Injectable()
export class MessagesRepository {
  private readonly store: VersionedStore<MessageDocument>;

  constructor(
    @InjectModel(MESSAGE_MODEL) readonly messages: Model<MessageDocument>,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(messages, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.MESSAGE_NOT_FOUND, 'Message'),
      busy: () => new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The message is being changed by others right now; try again'),
    });
  }

  load(tenantId: string, id: string): Promise<MessageDocument> {
    return this.store.load(tenantId, id);
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
    return this.store.find(tenantId, MessagesRepository.idOf(tenantId, clientMessageId));
  }

  /** Inserts a new message with its events; null when the idempotency key already exists (the caller reads the winner). */
  async insert(message: MessageDocument, events: DomainEvent[]): Promise<MessageDocument | null> {
    return (await this.store.insert(message, events)) ? message : null;
  }

  /** The one write path for an existing message (see VersionedStore); `compute` returning null = no change. */
  async applyChange(
    tenantId: string,
    id: Types.ObjectId | string,
    compute: (current: MessageDocument) => MessageChange | null,
  ): Promise<MessageDocument> {
    return (await this.store.change(tenantId, id, compute)).updated;
  }

  /** applyChange, answering also whether the change was written (`applied` false: `compute` found nothing to do). */
  change(
    tenantId: string,
    id: Types.ObjectId | string,
    compute: (current: MessageDocument) => MessageChange | null,
  ): Promise<StoreChangeResult<MessageDocument>> {
    return this.store.change(tenantId, id, compute);
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

  /** F38: message-scheduled, message-updated or message-canceled, with the message as it now is. */
  scheduleEvent(type: ScheduleEventType, actor: DomainEvent['actor'], message: MessageDocument): DomainEvent<MessageEventData> {
    return newEvent(type, message.tenantId, actor, {
      messageId: String(message._id),
      contactId: String(message.contactId),
      message: messageViewOf(message),
      notify: true,
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
