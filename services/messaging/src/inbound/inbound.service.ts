import { CarrierInboundMessage, CarrierInboundResult, RequestContext } from '@conversations/contracts';
import { toE164OrNull } from '@conversations/person-search';
import { DomainError } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ContactsClient } from '../contacts/contacts.client';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ConversationsService } from '../conversations/conversations.service';
import { checkLength } from '../messages/compose';
import { MessagesRepository } from '../messages/messages.repository';
import { newMessageDocument } from '../messages/new-message-document';
import { MessagesService, normaliseNumber } from '../messages/messages.service';
import { NumbersService } from '../numbers/numbers.service';
import { ScheduledMessagesService } from '../scheduling/scheduled-messages.service';
import { keywordActionOf } from './keywords';

/**
 * F6, F11, F25, F32: an inbound message, from the verified carrier webhook, to a stored message on the
 * contact's conversation. The carrier's message id is the idempotency key, so a webhook delivered five
 * times stores one message; consent changes run first and are idempotent, so a retried webhook after a
 * crash still applies them. A message from the contact cancels their scheduled messages that asked for it
 * (F38), also on a redelivered webhook, so a crash right after storing the message still cancels them.
 */
@Injectable()
export class InboundService {
  constructor(
    private readonly numbers: NumbersService,
    private readonly contacts: ContactsClient,
    private readonly conversations: ConversationsService,
    private readonly repository: MessagesRepository,
    private readonly messages: MessagesService,
    private readonly scheduled: ScheduledMessagesService,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  async receive(inbound: CarrierInboundMessage): Promise<CarrierInboundResult> {
    const owner = await this.numbers.ownerOf(normaliseNumber(inbound.to));
    const ctx: RequestContext = { tenantId: owner.tenantId, userId: 'system:carrier', requestId: inbound.providerMessageId };
    const clientMessageId = `carrier:${inbound.providerMessageId}`;
    const earlier = await this.repository.findByClientId(ctx.tenantId, clientMessageId);
    if (earlier) {
      const optedOut = keywordActionOf(earlier.body)?.kind === 'opt-out';
      await this.scheduled.cancelOnReply(ctx, String(earlier.contactId), earlier.createdAt, optedOut);
      return { messageId: String(earlier._id), duplicate: true, keyword: null };
    }

    const phone = toE164OrNull(inbound.from, this.config.DEFAULT_PHONE_COUNTRY);
    if (!phone) throw DomainError.validation({ From: [`From ${inbound.from} is not a phone number this inbox can reply to`] });
    let { contact } = await this.contacts.findOrCreateByPhone(ctx, phone);

    const action = keywordActionOf(inbound.text);
    if (action?.kind === 'opt-out') contact = await this.contacts.updateDndByKeyword(ctx, contact.id, { sms: true }, action.keyword);
    if (action?.kind === 'opt-in') contact = await this.contacts.updateDndByKeyword(ctx, contact.id, { sms: false }, action.keyword);

    // F32: DND inbound — kept for the record, no unread badge, no notification.
    const silenced = contact.dnd.inboundCallsAndSms === true;
    const conversation = await this.conversations.ensure(ctx.tenantId, contact);
    const message = newMessageDocument({
      _id: MessagesRepository.idOf(ctx.tenantId, clientMessageId),
      tenantId: ctx.tenantId,
      contactId: contact.id,
      direction: 'inbound',
      channel: inbound.channel,
      from: phone,
      to: owner.number,
      body: inbound.text,
      segments: 1,
      status: 'received',
      clientMessageId,
      providerMessageId: inbound.providerMessageId,
      silenced,
    });
    const stored = await this.repository.insert(message, [this.repository.createdEvent(ctx, message, !silenced)]);
    if (!stored) {
      const winner = await this.repository.findByClientId(ctx.tenantId, clientMessageId);
      return { messageId: String(winner?._id), duplicate: true, keyword: null };
    }
    await this.conversations.recordMessage(ctx, conversation, message, { unread: !silenced, notify: !silenced });
    await this.scheduled.cancelOnReply(ctx, contact.id, message.createdAt, action?.kind === 'opt-out');

    if (action?.kind === 'help') {
      // The help reply goes out whatever the contact's DND: it answers their own request. Keyed on the
      // inbound message, so a repeated webhook never sends it twice.
      const body = this.config.HELP_REPLY.replace('{tenant}', owner.label || 'Our team');
      await this.messages.queue(ctx, {
        contact,
        conversation: (await this.conversations.findByContact(ctx.tenantId, contact.id)) ?? conversation,
        channel: inbound.channel,
        from: owner.number,
        body,
        segments: checkLength(body, inbound.channel),
        clientMessageId: `help:${inbound.providerMessageId}`,
        automated: true,
      });
    }
    return { messageId: String(message._id), duplicate: false, keyword: action?.keyword ?? null };
  }
}
