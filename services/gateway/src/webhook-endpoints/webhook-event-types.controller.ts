import { WEBHOOK_EVENT_TYPES } from '@conversations/contracts';
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated } from '../docs/api-decorators';

/** The event types an endpoint can subscribe to (the settings page's picker). */
@ApiTags('webhooks')
@ApiAuthenticated()
@Controller('webhook-event-types')
export class WebhookEventTypesController {
  @Get()
  @ApiOperation({ summary: 'The event types a webhook endpoint can subscribe to' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'event type names',
    schema: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } },
  })
  list(): readonly string[] {
    return WEBHOOK_EVENT_TYPES;
  }
}
