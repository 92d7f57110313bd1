import { CallsSubjects, RpcRequest, StartCallDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ClickToCallService } from './click-to-call.service';

@Controller()
export class ClickToCallController {
  constructor(private readonly clickToCall: ClickToCallService) {}

  /** F13: `{ contactId, from }` → the call as stored (status `initiated`: the user's phone is ringing). */
  @MessagePattern(CallsSubjects.start)
  start(@Payload() { ctx, data }: RpcRequest<{ contactId: string; from: string }>) {
    const { contactId, ...input } = data ?? { contactId: '' };
    return this.clickToCall.start(ctx, String(contactId ?? ''), validateDto(StartCallDto, input));
  }
}
