import { CarrierStatusReport, MessagesPageQueryDto, MessagingSubjects, RpcRequest, SendMessageDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessagesService } from './messages.service';

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @MessagePattern(MessagingSubjects.send)
  send(@Payload() { ctx, data }: RpcRequest<{ contactId: string; message: SendMessageDto }>) {
    return this.messages.send(ctx, String(data?.contactId), validateDto(SendMessageDto, data?.message));
  }

  @MessagePattern(MessagingSubjects.messagesList)
  list(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & MessagesPageQueryDto>) {
    const { contactId, ...page } = data ?? { contactId: '' };
    return this.messages.list(ctx, String(contactId), validateDto(MessagesPageQueryDto, page));
  }

  @MessagePattern(MessagingSubjects.retry)
  retry(@Payload() { ctx, data }: RpcRequest<{ messageId: string }>) {
    return this.messages.retry(ctx, String(data?.messageId));
  }

  /** From the gateway's verified webhook; the tenant comes from our number, never from the caller. */
  @MessagePattern(MessagingSubjects.carrierStatus)
  carrierStatus(@Payload() { data }: RpcRequest<CarrierStatusReport>) {
    return this.messages.applyStatusReport(data);
  }
}
