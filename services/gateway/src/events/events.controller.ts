import { RequestContext } from '@conversations/contracts';
import { DomainError, ROOT_LOGGER } from '@conversations/service-kit';
import { Controller, Get, Headers, HttpStatus, Inject, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AllowQueryToken, CallerContext } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { ApiAuthenticated, ApiErrors, ApiQueryOf } from '../docs/api-decorators';
import { EventStreams } from './event-streams';
import { ServerSentEvents } from './server-sent-events';

const EVENT_ID = /^\d{1,15}$/;
const EVENT_ID_MESSAGE = 'must be the id of an event this stream sent (a whole number)';

export class EventsQueryDto {
  /** Resume after this event (for a reload; EventSource itself reconnects with the Last-Event-ID header). */
  @IsOptional() @Matches(EVENT_ID, { message: `lastEventId ${EVENT_ID_MESSAGE}` }) lastEventId?: string;
  /** EventSource cannot send headers, so this route alone also accepts the token here. */
  @IsOptional() @IsString() access_token?: string;
  @IsOptional() @IsString() tenant?: string;
}

/** Live updates (F6, F11): the caller's tenant's domain events as Server-Sent Events. */
@ApiTags('events')
@ApiAuthenticated()
@ApiSecurity('access_token')
@Controller('events')
export class EventsController {
  constructor(
    private readonly streams: EventStreams,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  @AllowQueryToken()
  @ApiOperation({
    summary: 'Stream the account’s domain events (Server-Sent Events)',
    description:
      'Each message: `id` = stream sequence, `event` = event type (e.g. evt.contacts.updated), `data` = the DomainEvent JSON. ' +
      'Starts with events stored after the connection opens, or right after `Last-Event-ID` (header, or `lastEventId` query). ' +
      'A comment line is sent every 15 s to keep proxies from closing the connection.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event id' })
  @ApiQueryOf(EventsQueryDto, {
    lastEventId: 'resume after this event id (after a reload)',
    access_token: 'the access token, for EventSource, which cannot send headers',
    tenant: 'the account to stream (as X-Tenant-Id), when the token lists several',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: HttpStatus.OK, description: 'text/event-stream', schema: { type: 'string' } })
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  async stream(
    @CallerContext() ctx: RequestContext,
    @Query() query: EventsQueryDto,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const after = resumePoint(lastEventIdHeader, query.lastEventId);
    const subscription = await this.streams.subscribe(ctx.tenantId, after);
    const sse = new ServerSentEvents(response);
    sse.onClose(() => void subscription.close());
    sse.start(this.config.SSE_HEARTBEAT_MS);
    try {
      for await (const { sequence, event } of subscription.events) {
        if (sse.isClosed) break;
        await sse.send(sequence, event.type, event);
      }
    } catch (error) {
      this.logger.warn(
        { err: error, requestId: ctx.requestId, tenantId: ctx.tenantId },
        'live event stream ended by an error; the client will resume',
      );
    } finally {
      await subscription.close();
      sse.end();
    }
  }
}

/** The header wins over the query: EventSource's automatic reconnect sends the newer id there. */
function resumePoint(header: string | undefined, query: string | undefined): number | undefined {
  if (header !== undefined && header !== '') {
    if (!EVENT_ID.test(header.trim())) throw DomainError.validation({ 'Last-Event-ID': [`Last-Event-ID ${EVENT_ID_MESSAGE}`] });
    return Number(header.trim());
  }
  return query !== undefined ? Number(query) : undefined;
}
