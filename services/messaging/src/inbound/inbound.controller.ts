import { CarrierInboundMessage, MessagingSubjects, RpcRequest } from '@conversations/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InboundService } from './inbound.service';

@Controller()
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /** From the gateway's verified webhook; the tenant is the owner of the receiving number. */
  @MessagePattern(MessagingSubjects.carrierInbound)
  receive(@Payload() { data }: RpcRequest<CarrierInboundMessage>) {
    return this.inbound.receive(data);
  }
}
