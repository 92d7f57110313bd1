import { CallsSubjects, RequestContext } from '@conversations/contracts';
import { Controller, Get, Headers, HttpStatus, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CallerContext, Public } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, GatewayConfig, mediaLinkSecretOf } from '../config';
import { ApiAuthenticated, ApiErrors, ApiView } from '../docs/api-decorators';
import { CallsClient } from '../nats/service-client';
import { CALL_ID } from './calls.controller';
import { MediaLinks } from './media-links';
import { RecordingStreamer } from './recording-streamer';

const MEDIA_TOKEN = /^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/;

/** F17: call recordings, to the owning tenant only, seekable (HTTP Range). */
@ApiTags('calls')
@Controller()
export class RecordingsController {
  private readonly links: MediaLinks;
  private readonly streamer: RecordingStreamer;

  constructor(
    private readonly calls: CallsClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.links = new MediaLinks(mediaLinkSecretOf(config));
    this.streamer = new RecordingStreamer(config.RECORDING_FETCH_TIMEOUT_MS);
  }

  @Get('calls/:id/recording')
  @ApiAuthenticated()
  @ApiOperation({ summary: 'The call’s recording as audio; send `Range: bytes=…` to seek (206 Partial Content)' })
  @ApiParam({ name: 'id', description: 'call id' })
  @ApiProduces('audio/*')
  @ApiResponse({ status: HttpStatus.OK, description: 'the whole recording' })
  @ApiResponse({ status: HttpStatus.PARTIAL_CONTENT, description: 'the requested byte range' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async recording(
    @CallerContext() ctx: RequestContext,
    @Param('id', CALL_ID) callId: string,
    @Headers('range') range: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const source = await this.calls.request(CallsSubjects.recordingSource, ctx, { callId });
    await this.streamer.stream(source, range, response);
  }

  @Get('calls/:id/recording/link')
  @ApiAuthenticated()
  @ApiOperation({
    summary: 'A short-lived playback link for an <audio> element, which cannot send the access token',
    description: 'The link names this call of this account only and works for 15 minutes; it supports Range like the route above.',
  })
  @ApiParam({ name: 'id', description: 'call id' })
  @ApiView(HttpStatus.OK, 'RecordingLink')
  @ApiErrors(HttpStatus.NOT_FOUND)
  async link(@CallerContext() ctx: RequestContext, @Param('id', CALL_ID) callId: string): Promise<{ url: string; expiresAt: string }> {
    // Only a recording that exists, of a call of the caller's tenant, gets a link.
    await this.calls.request(CallsSubjects.recordingSource, ctx, { callId });
    const { token, expiresAt } = this.links.issue(ctx.tenantId, callId);
    return { url: `/api/v1/media/recordings/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  @Get('media/recordings/:token')
  @Public()
  @ApiOperation({
    summary: 'Plays a recording through a link from GET /calls/{id}/recording/link (no access token; the link is the grant)',
  })
  @ApiParam({ name: 'token', description: 'the signed part of the link' })
  @ApiProduces('audio/*')
  @ApiResponse({ status: HttpStatus.PARTIAL_CONTENT, description: 'the requested byte range' })
  @ApiErrors(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND)
  async play(@Param('token') token: string, @Headers('range') range: string | undefined, @Res() response: ServerResponse): Promise<void> {
    const grant = this.links.verify(MEDIA_TOKEN.test(token) ? token : '');
    const ctx: RequestContext = {
      tenantId: grant.tenantId,
      userId: 'system:media-link',
      requestId: (response.req as { id?: string }).id ?? '',
    };
    const source = await this.calls.request(CallsSubjects.recordingSource, ctx, { callId: grant.callId });
    await this.streamer.stream(source, range, response);
  }
}
