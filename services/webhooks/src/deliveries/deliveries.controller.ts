import { ListWebhookDeliveriesQueryDto, ReplayWebhookEventsDto, RpcRequestOf, WebhooksSubjects } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { DeliveriesService } from './deliveries.service';

@Controller()
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @RpcHandler(WebhooksSubjects.deliveriesList)
  list({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.deliveriesList>) {
    const { endpointId, ...query } = data;
    return this.deliveries.list(ctx, endpointId, validateDto(ListWebhookDeliveriesQueryDto, query));
  }

  @RpcHandler(WebhooksSubjects.deliveriesGet)
  get({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.deliveriesGet>) {
    return this.deliveries.get(ctx, data.endpointId, data.deliveryId);
  }

  @RpcHandler(WebhooksSubjects.deliveriesResend)
  resend({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.deliveriesResend>) {
    return this.deliveries.resend(ctx, data.endpointId, data.deliveryId);
  }

  @RpcHandler(WebhooksSubjects.deliveriesReplay)
  replay({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.deliveriesReplay>) {
    const { endpointId, ...range } = data;
    return this.deliveries.replay(ctx, endpointId, validateDto(ReplayWebhookEventsDto, range));
  }

  @RpcHandler(WebhooksSubjects.endpointsSendTest)
  sendTest({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsSendTest>) {
    return this.deliveries.sendTest(ctx, data.id);
  }
}
