import {
  CreateWebhookEndpointDto,
  ErrorCodes,
  ListWebhookDeliveriesQueryDto,
  ListWebhookEndpointsQueryDto,
  Page,
  ReplayWebhookEventsDto,
  RequestContext,
  RotateWebhookSecretDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookReplayResult,
  WebhooksSubjects,
} from '@conversations/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import {
  pageOf,
  WEBHOOK_DELIVERY_VIEW,
  WEBHOOK_ENDPOINT_VIEW,
  WEBHOOK_ENDPOINT_WITH_SECRET,
  WEBHOOK_REPLAY_RESULT,
} from './webhook-view-schemas';
import { WebhooksClient } from '../nats/service-client';

const ENDPOINT_ID = new ObjectIdPipe(ErrorCodes.NOT_FOUND, 'Webhook endpoint');
const DELIVERY_ID = new ObjectIdPipe(ErrorCodes.NOT_FOUND, 'Webhook delivery');

const ApiAnswer = (status: HttpStatus, schema: object, description: string) => ApiResponse({ status, schema, description });

/**
 * The account's webhook endpoints (F33): every change is POSTed to them, signed by the Standard Webhooks
 * scheme, retried for about a day. Not under /webhooks: that prefix holds the carrier's inbound webhooks.
 */
@ApiTags('webhooks')
@ApiAuthenticated()
@AdminOnly()
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly webhooks: WebhooksClient) {}

  @Get()
  @ApiOperation({ summary: 'The account’s webhook endpoints, newest first' })
  @ApiQueryOf(ListWebhookEndpointsQueryDto, { cursor: 'the `nextCursor` of the previous page', limit: 'page size, 1–100 (default 50)' })
  @ApiAnswer(HttpStatus.OK, pageOf(WEBHOOK_ENDPOINT_VIEW), 'a page of endpoints')
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpointView>> {
    return this.webhooks.request(WebhooksSubjects.endpointsList, ctx, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add an endpoint; the answer holds its signing secret, shown this once',
    description: 'https only (http to a loopback address in development); internal and metadata addresses are refused.',
  })
  @ApiJsonBody(CreateWebhookEndpointDto)
  @ApiAnswer(HttpStatus.CREATED, WEBHOOK_ENDPOINT_WITH_SECRET, 'the endpoint and its secret')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  create(@CallerContext() ctx: RequestContext, @Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.request(WebhooksSubjects.endpointsCreate, ctx, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint (never its secret)' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiAnswer(HttpStatus.OK, WEBHOOK_ENDPOINT_VIEW, 'the endpoint')
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CallerContext() ctx: RequestContext, @Param('id', ENDPOINT_ID) id: string): Promise<WebhookEndpointView> {
    return this.webhooks.request(WebhooksSubjects.endpointsGet, ctx, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an endpoint; enabling it again clears an automatic-disable notice' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiJsonBody(UpdateWebhookEndpointDto)
  @ApiAnswer(HttpStatus.OK, WEBHOOK_ENDPOINT_VIEW, 'the endpoint')
  @ApiErrors(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.CONFLICT,
    HttpStatus.PAYLOAD_TOO_LARGE,
    HttpStatus.UNPROCESSABLE_ENTITY,
  )
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) id: string,
    @Body() changes: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointView> {
    return this.webhooks.request(WebhooksSubjects.endpointsUpdate, ctx, { id, changes });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an endpoint; its pending deliveries are cancelled' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async delete(@CallerContext() ctx: RequestContext, @Param('id', ENDPOINT_ID) id: string): Promise<void> {
    await this.webhooks.request(WebhooksSubjects.endpointsDelete, ctx, { id });
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'A new signing secret, shown this once',
    description:
      'The previous secret keeps signing beside the new one (both signatures in `webhook-signature`) for `overlapMinutes` (default 24 h).',
  })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiJsonBody(RotateWebhookSecretDto)
  @ApiAnswer(HttpStatus.OK, WEBHOOK_ENDPOINT_WITH_SECRET, 'the endpoint and its new secret')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  rotateSecret(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) id: string,
    @Body() body: RotateWebhookSecretDto,
  ): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.request(WebhooksSubjects.endpointsRotateSecret, ctx, { id, ...body });
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a signed `webhook.test` event now (also to a disabled endpoint)' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiAnswer(HttpStatus.ACCEPTED, WEBHOOK_DELIVERY_VIEW, 'the delivery, pending; follow it in the delivery log')
  @ApiErrors(HttpStatus.NOT_FOUND)
  sendTest(@CallerContext() ctx: RequestContext, @Param('id', ENDPOINT_ID) id: string): Promise<WebhookDeliveryView> {
    return this.webhooks.request(WebhooksSubjects.endpointsSendTest, ctx, { id });
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The endpoint’s delivery log, newest first, with every attempt' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiQueryOf(ListWebhookDeliveriesQueryDto, {
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 50)',
    status: 'only deliveries in this state',
  })
  @ApiAnswer(HttpStatus.OK, pageOf(WEBHOOK_DELIVERY_VIEW), 'a page of deliveries')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  deliveries(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) endpointId: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.request(WebhooksSubjects.deliveriesList, ctx, { endpointId, ...query });
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with its attempts' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiParam({ name: 'deliveryId', description: 'delivery id' })
  @ApiAnswer(HttpStatus.OK, WEBHOOK_DELIVERY_VIEW, 'the delivery')
  @ApiErrors(HttpStatus.NOT_FOUND)
  delivery(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) endpointId: string,
    @Param('deliveryId', DELIVERY_ID) deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.request(WebhooksSubjects.deliveriesGet, ctx, { endpointId, deliveryId });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Deliver one delivery again now (same `webhook-id`), with a fresh retry schedule' })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiParam({ name: 'deliveryId', description: 'delivery id' })
  @ApiAnswer(HttpStatus.ACCEPTED, WEBHOOK_DELIVERY_VIEW, 'the delivery, pending again')
  @ApiErrors(HttpStatus.NOT_FOUND)
  resend(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) endpointId: string,
    @Param('deliveryId', DELIVERY_ID) deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.request(WebhooksSubjects.deliveriesResend, ctx, { endpointId, deliveryId });
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Deliver again every kept event of a time range the endpoint subscribes to',
    description:
      'Events are kept 30 days (WEBHOOK_EVENT_RETENTION_MS); a range holding more than 5,000 events is refused — replay shorter ones.',
  })
  @ApiParam({ name: 'id', description: 'endpoint id' })
  @ApiJsonBody(ReplayWebhookEventsDto)
  @ApiAnswer(HttpStatus.ACCEPTED, WEBHOOK_REPLAY_RESULT, 'how many deliveries the replay made')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  replay(
    @CallerContext() ctx: RequestContext,
    @Param('id', ENDPOINT_ID) endpointId: string,
    @Body() range: ReplayWebhookEventsDto,
  ): Promise<WebhookReplayResult> {
    return this.webhooks.request(WebhooksSubjects.deliveriesReplay, ctx, { endpointId, ...range });
  }
}
