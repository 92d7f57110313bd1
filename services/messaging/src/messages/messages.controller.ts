import { MessagesPageQueryDto, MessagingSubjects, RpcRequestOf, SendMessageDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagesService } from './messages.service';

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @RpcHandler(MessagingSubjects.send)
  send({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.send>) {
    return this.messages.send(ctx, data.contactId, validateDto(SendMessageDto, data.message));
  }

  @RpcHandler(MessagingSubjects.messagesList)
  list({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.messagesList>) {
    const { contactId, ...page } = data;
    return this.messages.list(ctx, contactId, validateDto(MessagesPageQueryDto, page));
  }

  @RpcHandler(MessagingSubjects.retry)
  retry({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.retry>) {
    return this.messages.retry(ctx, data.messageId);
  }

  /** From the gateway's verified webhook; the tenant comes from our number, never from the caller. */
  @RpcHandler(MessagingSubjects.carrierStatus)
  carrierStatus({ data }: RpcRequestOf<typeof MessagingSubjects.carrierStatus>) {
    return this.messages.applyStatusReport(data);
  }
}
