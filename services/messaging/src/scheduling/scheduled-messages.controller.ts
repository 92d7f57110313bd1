import { ListScheduledMessagesQueryDto, MessagingSubjects, RpcRequestOf, UpdateScheduledMessageDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { ScheduledMessagesService } from './scheduled-messages.service';

/** F38: scheduled messages (created by messaging.send with `scheduledAt`). */
@Controller()
export class ScheduledMessagesController {
  constructor(private readonly scheduled: ScheduledMessagesService) {}

  @RpcHandler(MessagingSubjects.scheduledList)
  list({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.scheduledList>) {
    return this.scheduled.list(ctx, validateDto(ListScheduledMessagesQueryDto, data));
  }

  @RpcHandler(MessagingSubjects.scheduledUpdate)
  update({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.scheduledUpdate>) {
    return this.scheduled.update(ctx, data.messageId, validateDto(UpdateScheduledMessageDto, data.changes));
  }

  @RpcHandler(MessagingSubjects.scheduledCancel)
  cancel({ ctx, data }: RpcRequestOf<typeof MessagingSubjects.scheduledCancel>) {
    return this.scheduled.cancel(ctx, data.messageId);
  }
}
