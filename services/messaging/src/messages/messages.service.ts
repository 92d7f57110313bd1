import {
  CarrierStatusReport,
  CarrierStatusResult,
  ContactView,
  ErrorCodes,
  MessagesPageQueryDto,
  MessageView,
  Page,
  RequestContext,
  SendMessageDto,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, toPage } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ContactsClient } from '../contacts/contacts.client';
import type { ConversationDocument } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { NumbersService } from '../numbers/numbers.service';
import { ScheduledMessagesService } from '../scheduling/scheduled-messages.service';
import { DISPATCH_MODEL, DispatchDocument } from '../sending/dispatch.schema';
import { assertTextAllowed, checkLength, FROM_NUMBER_REQUIRED_MESSAGE, renderBody } from './compose';
import { MessageDocument } from './message.schema';
import { messageViewOf } from './message.view';
import { outboundMessageOf } from './new-message-document';
import { actorOf, MessagesRepository } from './messages.repository';
import { isFinal, movesForward, reasonOfCarrierCode, statusOfCarrierState } from './status-rules';

const DEFAULT_PAGE_SIZE = 30;

export interface OutboundDraft {
  contact: ContactView;
  conversation: ConversationDocument;
  channel: 'sms' | 'whatsapp';
  from: string;
  body: string;
  segments: number;
  clientMessageId?: string;
  automated: boolean;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly contacts: ContactsClient,
    private readonly conversations: ConversationsService,
    private readonly numbers: NumbersService,
    private readonly scheduled: ScheduledMessagesService,
    @InjectModel(DISPATCH_MODEL) private readonly dispatches: Model<DispatchDocument>,
  ) {}

  /**
   * F18, F21–F24: validate everything, store `queued`, answer at once; the worker sends. With `scheduledAt`
   * (F38) the same checks, then stored `scheduled`: the scheduler queues it at its time, checking again.
   */
  async send(ctx: RequestContext, contactId: string, input: SendMessageDto): Promise<MessageView> {
    if (input.channel === 'imessage') {
      throw new DomainError(
        ErrorCodes.CHANNEL_NOT_CONFIGURED,
        'iMessage is not configured for this account; ask your admin to connect an iMessage provider, or send by SMS',
        {
          details: { channel: 'imessage' },
        },
      );
    }
    if (input.clientMessageId) {
      const earlier = await this.repository.findByClientId(ctx.tenantId, input.clientMessageId);
      if (earlier) return this.sameRequestOrConflict(earlier, contactId);
    }
    if (input.cancelIfReplied !== undefined && input.scheduledAt === undefined) {
      throw DomainError.validation({ cancelIfReplied: ['cancelIfReplied applies to a message sent later: send it with scheduledAt'] });
    }
    const scheduledAt = input.scheduledAt === undefined ? null : this.scheduled.dueTimeOf(input.scheduledAt);
    const contact = await this.contacts.get(ctx, contactId);
    assertTextAllowed(contact);
    if (!contact.phone) {
      throw new DomainError(ErrorCodes.CONTACT_HAS_NO_PHONE, `${contact.fullName || 'This contact'} has no phone number to send to`, {
        fields: { to: ['the contact has no phone number'] },
      });
    }
    const conversation = await this.conversations.ensure(ctx.tenantId, contact);
    const from =
      input.from ??
      conversation.smsFrom ??
      (input.channel === 'whatsapp' ? (await this.numbers.firstSender(ctx.tenantId, 'whatsapp'))?.number : undefined);
    if (!from) {
      const message = input.channel === 'sms' ? FROM_NUMBER_REQUIRED_MESSAGE : 'This account has no number that can send WhatsApp messages';
      throw new DomainError(ErrorCodes.FROM_NUMBER_REQUIRED, message, { fields: { from: [message] } });
    }
    await this.numbers.requireSender(ctx.tenantId, from, input.channel);
    const body = renderBody(input.body, contact);
    const segments = checkLength(body, input.channel);
    const draft: OutboundDraft = {
      contact,
      conversation,
      channel: input.channel,
      from,
      body,
      segments,
      clientMessageId: input.clientMessageId,
      automated: false,
    };
    if (scheduledAt) {
      return messageViewOf(await this.scheduled.schedule(ctx, draft, { scheduledAt, cancelIfReplied: input.cancelIfReplied ?? false }));
    }
    return messageViewOf(await this.queue(ctx, draft));
  }

  /** Stores an outbound message as `queued` with its events (created, queued → the worker); idempotent on clientMessageId. */
  async queue(ctx: RequestContext, draft: OutboundDraft): Promise<MessageDocument> {
    const message = outboundMessageOf(ctx, draft, {
      status: 'queued',
      clientSupplied: !!draft.clientMessageId && !draft.automated,
      sendRound: 1,
      automated: draft.automated,
      sentBy: draft.automated ? null : ctx.userId,
    });
    const stored = await this.repository.insert(message, [
      this.repository.createdEvent(ctx, message, true),
      this.repository.queuedEvent(ctx, message),
    ]);
    if (!stored) {
      // The same clientMessageId raced us: the first one stored is the answer.
      return (await this.repository.findByClientId(ctx.tenantId, message.clientMessageId)) as MessageDocument;
    }
    await this.conversations.recordMessage(ctx, draft.conversation, message, { unread: false, notify: true });
    return message;
  }

  private sameRequestOrConflict(earlier: MessageDocument, contactId: string): MessageView {
    if (String(earlier.contactId) !== contactId) {
      throw DomainError.validation({ clientMessageId: ['clientMessageId was already used for a message to another contact'] });
    }
    return messageViewOf(earlier);
  }

  /** The timeline's messages (F14): newest first, older pages by cursor; a scheduled one (F38) by when it was scheduled. */
  async list(ctx: RequestContext, contactId: string, query: MessagesPageQueryDto): Promise<Page<MessageView>> {
    if (!Types.ObjectId.isValid(contactId)) throw DomainError.notFound(ErrorCodes.CONTACT_NOT_FOUND, 'Contact');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.messages
      .find({ tenantId: ctx.tenantId, contactId: new Types.ObjectId(contactId), ...afterCursorFilter('createdAt', query.cursor) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<MessageDocument[]>();
    // An empty first page of an id this tenant does not have answers 404, like every other contact route.
    if (!rows.length && !query.cursor) await this.contacts.get(ctx, contactId);
    return toPage(rows, limit, (row) => row.createdAt, messageViewOf);
  }

  /** F40: sends a failed message again as a new round; concurrent retries start one round only. */
  async retry(ctx: RequestContext, messageId: string): Promise<MessageView> {
    const current = await this.repository.load(ctx.tenantId, messageId);
    if (current.direction !== 'outbound' || (current.status !== 'failed' && current.status !== 'undelivered')) {
      if (current.status === 'queued') return messageViewOf(current);
      throw new DomainError(
        ErrorCodes.MESSAGE_NOT_RETRYABLE,
        `Only a failed or undelivered outgoing message can be retried; this one is ${current.status}`,
        { details: { status: current.status } },
      );
    }
    assertTextAllowed(await this.contacts.get(ctx, String(current.contactId)));
    const updated = await this.repository.applyChange(ctx.tenantId, current._id, (message) => {
      // A concurrent retry already started the new round.
      if (message.status !== 'failed' && message.status !== 'undelivered') return null;
      const now = new Date();
      return {
        set: {
          status: 'queued',
          failureReason: null,
          providerMessageId: null,
          previousProviderIds: message.providerMessageId
            ? [...message.previousProviderIds, message.providerMessageId]
            : message.previousProviderIds,
          statusTrail: [...message.statusTrail, { status: 'queued', at: now.toISOString(), reason: 'Retried' }],
          sendRound: message.sendRound + 1,
        },
        events: (next) => [this.repository.statusEvent(actorOf(ctx), next, message.status), this.repository.queuedEvent(ctx, next)],
      };
    });
    return messageViewOf(updated);
  }

  /**
   * A carrier delivery report (F16): our ref (from the callback URL) or the provider id finds the message;
   * the status only moves forward, so late, repeated or out-of-order reports change nothing.
   */
  async applyStatusReport(report: CarrierStatusReport): Promise<CarrierStatusResult> {
    const owner = await this.numbers.ownerOf(normaliseNumber(report.from));
    const tenantId = owner.tenantId;
    const [refId, refRound] = (report.ref ?? '').split('.');
    const found =
      refId && Types.ObjectId.isValid(refId)
        ? await this.repository.messages.findOne({ _id: refId, tenantId }).lean<MessageDocument>()
        : await this.repository.messages.findOne({ tenantId, providerMessageId: report.providerMessageId }).lean<MessageDocument>();
    if (!found || found.direction !== 'outbound') return { applied: false, messageId: null };
    let applied = false;
    let attached = false;
    await this.repository.applyChange(tenantId, found._id, (message) => {
      const round = message.sendRound;
      // A report of an earlier round (before a retry) is history, not news.
      if ((refRound && Number(refRound) !== round) || message.previousProviderIds.includes(report.providerMessageId)) return null;
      const set: Partial<MessageDocument> = {};
      attached = !message.providerMessageId;
      if (attached) set.providerMessageId = report.providerMessageId;
      const next = statusOfCarrierState(report.status);
      const moves = next !== null && movesForward(message.status, next) && !isFinal(message.status);
      if (moves) {
        const failed = next === 'failed' || next === 'undelivered';
        const reason = failed ? reasonOfCarrierCode(report.errorCode, next) : undefined;
        set.status = next;
        set.failureReason = reason ?? null;
        set.statusTrail = [
          ...message.statusTrail,
          {
            status: next,
            at: new Date().toISOString(),
            ...(reason ? { reason } : {}),
            ...(report.errorCode ? { carrierCode: report.errorCode } : {}),
          },
        ];
      }
      if (!Object.keys(set).length) return null;
      applied = moves;
      return { set, events: (updated) => (moves ? [this.repository.statusEvent({ system: 'carrier' }, updated, message.status)] : []) };
    });
    // The first report of this round: the carrier has it, so whatever a worker was doing with it (even an
    // interrupted call whose answer never came) is settled.
    if (attached) await this.dispatches.deleteOne({ _id: found._id, tenantId });
    return { applied, messageId: String(found._id) };
  }
}

/** Plivo writes numbers without the leading +. */
export function normaliseNumber(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
}
