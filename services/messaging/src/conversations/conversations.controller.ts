import { ListConversationsQueryDto, MessagingSubjects, RpcRequest, SetSmsFromDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ContactsClient } from '../contacts/contacts.client';
import { NumbersService } from '../numbers/numbers.service';
import { ConversationsService } from './conversations.service';

@Controller()
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsClient,
    private readonly numbers: NumbersService,
  ) {}

  @MessagePattern(MessagingSubjects.conversationsList)
  list(@Payload() { ctx, data }: RpcRequest<ListConversationsQueryDto>) {
    return this.conversations.list(ctx, validateDto(ListConversationsQueryDto, data ?? {}));
  }

  @MessagePattern(MessagingSubjects.conversationsMarkRead)
  markRead(@Payload() { ctx, data }: RpcRequest<{ conversationId: string }>) {
    return this.conversations.markRead(ctx, String(data?.conversationId));
  }

  /** F31: the From number remembered for the contact, and the contact's own number (To, read-only). */
  @MessagePattern(MessagingSubjects.smsFromGet)
  async smsFrom(@Payload() { ctx, data }: RpcRequest<{ contactId: string }>) {
    const contact = await this.contacts.get(ctx, String(data?.contactId));
    return this.conversations.smsFromViewOf(contact, await this.conversations.findByContact(ctx.tenantId, contact.id));
  }

  @MessagePattern(MessagingSubjects.smsFromSet)
  async setSmsFrom(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & SetSmsFromDto>) {
    const { contactId, ...body } = data ?? { contactId: '' };
    const { from } = validateDto(SetSmsFromDto, body);
    const contact = await this.contacts.get(ctx, String(contactId));
    if (from !== null) await this.numbers.requireSender(ctx.tenantId, from, 'sms');
    return this.conversations.setSmsFrom(ctx, contact, from);
  }
}
