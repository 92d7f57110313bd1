import {
  CreateWebhookEndpointDto,
  ListWebhookEndpointsQueryDto,
  RotateWebhookSecretDto,
  RpcRequestOf,
  UpdateWebhookEndpointDto,
  WebhooksSubjects,
} from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { EndpointsService } from './endpoints.service';

@Controller()
export class EndpointsController {
  constructor(private readonly endpoints: EndpointsService) {}

  @RpcHandler(WebhooksSubjects.endpointsList)
  list({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsList>) {
    return this.endpoints.list(ctx, validateDto(ListWebhookEndpointsQueryDto, data));
  }

  @RpcHandler(WebhooksSubjects.endpointsCreate)
  create({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsCreate>) {
    return this.endpoints.create(ctx, validateDto(CreateWebhookEndpointDto, data));
  }

  @RpcHandler(WebhooksSubjects.endpointsGet)
  get({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsGet>) {
    return this.endpoints.get(ctx, data.id);
  }

  @RpcHandler(WebhooksSubjects.endpointsUpdate)
  update({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsUpdate>) {
    return this.endpoints.update(ctx, data.id, validateDto(UpdateWebhookEndpointDto, data.changes));
  }

  @RpcHandler(WebhooksSubjects.endpointsDelete)
  delete({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsDelete>) {
    return this.endpoints.delete(ctx, data.id);
  }

  @RpcHandler(WebhooksSubjects.endpointsRotateSecret)
  rotateSecret({ ctx, data }: RpcRequestOf<typeof WebhooksSubjects.endpointsRotateSecret>) {
    const { id, ...input } = data;
    return this.endpoints.rotateSecret(ctx, id, validateDto(RotateWebhookSecretDto, input));
  }
}
