import { MessagingSubjects, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { InboundService } from './inbound.service';

@Controller()
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /** From the gateway's verified webhook; the tenant is the owner of the receiving number. */
  @RpcHandler(MessagingSubjects.carrierInbound)
  receive({ data }: RpcRequestOf<typeof MessagingSubjects.carrierInbound>) {
    return this.inbound.receive(data);
  }
}
