import { ListConversationsQueryDto, MessagingSubjects, RpcRequestOf, SetSmsFromDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
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

  @RpcHandler(MessagingSubjects.conversationsList)
  list({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.conversationsList>) {
    return this.conversations.list(ctx, validateDto(ListConversationsQueryDto, data));
  }

  @RpcHandler(MessagingSubjects.conversationsMarkRead)
  markRead({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.conversationsMarkRead>) {
    return this.conversations.markRead(ctx, data.conversationId);
  }

  /** F31: the From number remembered for the contact, and the contact's own number (To, read-only). */
  @RpcHandler(MessagingSubjects.smsFromGet)
  async smsFrom({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.smsFromGet>) {
    const contact = await this.contacts.get(ctx, data.contactId);
    return this.conversations.smsFromViewOf(contact, await this.conversations.findByContact(ctx.tenantId, contact.id));
  }

  @RpcHandler(MessagingSubjects.smsFromSet)
  async setSmsFrom({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.smsFromSet>) {
    const { contactId, ...body } = data;
    const { from } = validateDto(SetSmsFromDto, body);
    const contact = await this.contacts.get(ctx, contactId);
    if (from !== null) await this.numbers.requireSender(ctx.tenantId, from, 'sms');
    return this.conversations.setSmsFrom(ctx, contact, from);
  }
}
