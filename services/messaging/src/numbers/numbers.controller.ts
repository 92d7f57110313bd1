import { MessagingSubjects, RpcRequest } from '@conversations/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NumbersService } from './numbers.service';

@Controller()
export class NumbersController {
  constructor(private readonly numbers: NumbersService) {}

  /** F31: the From dropdown offers the SMS-capable ones. */
  @MessagePattern(MessagingSubjects.numbersList)
  list(@Payload() { ctx }: RpcRequest) {
    return this.numbers.list(ctx.tenantId);
  }
}
