import { CallsSubjects, RpcRequestOf, StartCallDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { ClickToCallService } from './click-to-call.service';

@Controller()
export class ClickToCallController {
  constructor(private readonly clickToCall: ClickToCallService) {}

  /** F13: `{ contactId, from }` → the call as stored (status `initiated`: the user's phone is ringing). */
  @RpcHandler(CallsSubjects.start)
  start({ ctx, data }: RpcRequestOf<typeof CallsSubjects.start>) {
    const { contactId, ...input } = data;
    return this.clickToCall.start(ctx, contactId, validateDto(StartCallDto, input));
  }
}
