import { Module } from '@nestjs/common';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEventTypesController } from './webhook-event-types.controller';

@Module({ controllers: [WebhookEndpointsController, WebhookEventTypesController] })
export class WebhookEndpointsModule {}
