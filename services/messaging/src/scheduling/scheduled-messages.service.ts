import {
  ErrorCodes,
  ListScheduledMessagesQueryDto,
  MessagingEventTypes,
  MessageView,
  Page,
  RequestContext,
  UpdateScheduledMessageDto,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, toPage } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ContactsClient } from '../contacts/contacts.client';
import { checkLength, renderBody } from '../messages/compose';
import type { MessageDocument } from '../messages/message.schema';
import { messageViewOf } from '../messages/message.view';
import { actorOf, type MessageChange, MessagesRepository } from '../messages/messages.repository';
import type { OutboundDraft } from '../messages/messages.service';
import { outboundMessageOf } from '../messages/new-message-document';
import { canceledChange, scheduledTimeOf } from './schedule-rules';

const DEFAULT_PAGE_SIZE = 30;
/** A reply cancels at most this many of the contact's scheduled messages at once (more is not a conversation). */
const MAX_CANCELED_BY_REPLY = 100;

export interface ScheduleRequest {
  scheduledAt: Date;
  cancelIfReplied: boolean;
}

/**
 * F38, the API side of sending later: a scheduled message is a message of the contact, stored `scheduled`
 * with its due time (validated like a send at once, see MessagesService.send), listed, changed and canceled
 * until it goes. Every change is one versioned single-document write with its events, conditioned on the
 * message still being `scheduled` — so of a change and the scheduler's send (ScheduledSender) only one
 * happens, whichever is first.
 */
@Injectable()
export class ScheduledMessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly contacts: ContactsClient,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  /** `scheduledAt` as a due time inside the window (at least SCHEDULE_MIN_LEAD_MS, at most a year ahead), or a 422. */
  dueTimeOf(scheduledAt: string, now = new Date()): Date {
    return scheduledTimeOf(scheduledAt, now, this.config.SCHEDULE_MIN_LEAD_MS);
  }

  /** Stores a checked draft as `scheduled`, idempotent on its clientMessageId; the Chat tab shows it once it goes. */
  async schedule(ctx: RequestContext, draft: OutboundDraft, request: ScheduleRequest): Promise<MessageDocument> {
    const message = outboundMessageOf(ctx, draft, {
      status: 'scheduled',
      clientSupplied: !!draft.clientMessageId,
      sendRound: 0,
      scheduledAt: request.scheduledAt,
      cancelIfReplied: request.cancelIfReplied,
    });
    const stored = await this.repository.insert(message, [
      this.repository.createdEvent(ctx, message, true),
      this.repository.scheduleEvent(MessagingEventTypes.messageScheduled, actorOf(ctx), message),
    ]);
    // The same clientMessageId raced us: the first one stored is the answer.
    return stored ?? ((await this.repository.findByClientId(ctx.tenantId, message.clientMessageId)) as MessageDocument);
  }

  /** The tenant's (or one contact's) scheduled messages that have not gone, soonest first, by cursor. */
  async list(ctx: RequestContext, query: ListScheduledMessagesQueryDto): Promise<Page<MessageView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.messages
      .find({
        tenantId: ctx.tenantId,
        ...(query.contactId ? { contactId: new Types.ObjectId(query.contactId) } : {}),
        status: 'scheduled',
        ...afterCursorFilter('scheduledAt', query.cursor, 'asc'),
      })
      .sort({ scheduledAt: 1, _id: 1 })
      .limit(limit + 1)
      .lean<MessageDocument[]>();
    // A contact id this tenant does not have answers 404, like every other contact route.
    if (query.contactId && !rows.length && !query.cursor) await this.contacts.get(ctx, query.contactId);
    return toPage(rows, limit, (row) => row.scheduledAt as Date, messageViewOf);
  }

  /** A new text (placeholders rendered again), time or cancel-if-replied, while the message has not gone. */
  async update(ctx: RequestContext, messageId: string, changes: UpdateScheduledMessageDto): Promise<MessageView> {
    if (changes.body === undefined && changes.scheduledAt === undefined && changes.cancelIfReplied === undefined) {
      const message = 'send at least one of body, scheduledAt, cancelIfReplied';
      throw DomainError.validation({ body: [message], scheduledAt: [message], cancelIfReplied: [message] }, 'Nothing to change');
    }
    const current = await this.repository.load(ctx.tenantId, messageId);
    assertNotGone(current, 'changed');
    const scheduledAt = changes.scheduledAt === undefined ? undefined : this.dueTimeOf(changes.scheduledAt);
    let body: { body: string; segments: number } | undefined;
    if (changes.body !== undefined) {
      const rendered = renderBody(changes.body, await this.contacts.get(ctx, String(current.contactId)));
      body = { body: rendered, segments: checkLength(rendered, current.channel === 'whatsapp' ? 'whatsapp' : 'sms') };
    }
    const updated = await this.repository.applyChange(ctx.tenantId, current._id, (message): MessageChange | null => {
      assertNotGone(message, 'changed');
      const set: Partial<MessageDocument> = { ...body };
      if (changes.cancelIfReplied !== undefined) set.cancelIfReplied = changes.cancelIfReplied;
      if (scheduledAt && scheduledAt.getTime() !== message.scheduledAt?.getTime()) {
        // A new time: due then, and whichever worker holds the old time lets it go (it checks its claim).
        Object.assign(set, { scheduledAt, fireAt: scheduledAt, fireLeaseToken: null });
      }
      return {
        set,
        events: (next) => [this.repository.scheduleEvent(MessagingEventTypes.messageUpdated, actorOf(ctx), next)],
      };
    });
    return messageViewOf(updated);
  }

  /** Cancels a scheduled message; canceling one already canceled answers it as it is. */
  async cancel(ctx: RequestContext, messageId: string): Promise<MessageView> {
    const current = await this.repository.load(ctx.tenantId, messageId);
    if (current.status !== 'canceled') assertNotGone(current, 'canceled');
    const updated = await this.repository.applyChange(ctx.tenantId, current._id, (message) => {
      if (message.status === 'canceled') return null;
      assertNotGone(message, 'canceled');
      return canceledChange(this.repository, actorOf(ctx), message, 'user');
    });
    return messageViewOf(updated);
  }

  /**
   * The contact wrote in (an inbound message at `receivedAt`): their scheduled messages that asked for it
   * and were scheduled before it are canceled — `opted_out` when the message was their STOP. Idempotent:
   * a redelivered inbound webhook cancels nothing twice.
   */
  async cancelOnReply(ctx: RequestContext, contactId: string, receivedAt: Date, optedOut: boolean): Promise<number> {
    const pending = await this.repository.messages
      .find({ tenantId: ctx.tenantId, contactId: new Types.ObjectId(contactId), status: 'scheduled' })
      .limit(MAX_CANCELED_BY_REPLY)
      .lean<MessageDocument[]>();
    let canceled = 0;
    for (const scheduled of pending) {
      if (!scheduled.cancelIfReplied || scheduled.createdAt >= receivedAt) continue;
      const result = await this.repository.change(ctx.tenantId, scheduled._id, (message) =>
        message.status === 'scheduled' && message.cancelIfReplied
          ? canceledChange(this.repository, actorOf(ctx), message, optedOut ? 'opted_out' : 'contact_replied')
          : null,
      );
      if (result.applied) canceled++;
    }
    return canceled;
  }
}

/** 409 for a message that is not (or no longer) waiting to be sent: it went, or was canceled. */
function assertNotGone(message: MessageDocument, action: 'changed' | 'canceled'): void {
  if (message.status === 'scheduled') return;
  const what = !message.scheduledAt
    ? 'it was not scheduled'
    : message.status === 'canceled'
      ? 'it was canceled'
      : `its sending already started (${message.status})`;
  throw new DomainError(ErrorCodes.MESSAGE_NOT_SCHEDULED, `Only a scheduled message that has not gone can be ${action}; ${what}`, {
    details: { status: message.status, scheduled: !!message.scheduledAt },
  });
}
