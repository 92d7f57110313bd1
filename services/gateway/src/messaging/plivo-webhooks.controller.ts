import { CarrierInboundMessage, CarrierStatusReport, MessagingSubjects } from '@conversations/contracts';
import { Controller, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import type { GatewayRequest } from '../http/gateway-request';
import { MessagingClient } from '../nats/service-client';
import { carrierContext, PlivoWebhookVerifier, refOf, required, single } from '../carrier/plivo-webhook-verifier';

/**
 * Plivo's message webhooks: delivery reports and inbound messages. No access token — the V3 signature
 * (checked by the official SDK over the full public URL and the posted parameters) is the
 * authentication; a missing or forged one answers 403 and nothing reaches the messaging service. The
 * tenant is resolved by the messaging service from our number in the report, never from the request.
 * Not rate limited per IP: the carrier's bursts of reports are not a user's requests.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('webhooks/plivo')
export class PlivoWebhooksController {
  private readonly verifier: PlivoWebhookVerifier;

  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.verifier = new PlivoWebhookVerifier(config);
  }

  @Post('message-status')
  @HttpCode(HttpStatus.OK)
  async messageStatus(@Req() request: GatewayRequest): Promise<{ received: true; applied: boolean }> {
    const params = await this.verifier.verify(request);
    const report: CarrierStatusReport = {
      carrier: 'plivo',
      providerMessageId: required(params, 'MessageUUID'),
      status: required(params, 'Status'),
      errorCode: single(params, 'ErrorCode') || null,
      from: required(params, 'From'),
      to: required(params, 'To'),
      ref: refOf(request),
    };
    const result = await this.messaging.request(MessagingSubjects.carrierStatus, carrierContext(request), report);
    return { received: true, applied: result.applied };
  }

  @Post('inbound')
  @HttpCode(HttpStatus.OK)
  async inbound(@Req() request: GatewayRequest): Promise<{ received: true; duplicate: boolean }> {
    const params = await this.verifier.verify(request);
    const message: CarrierInboundMessage = {
      carrier: 'plivo',
      providerMessageId: required(params, 'MessageUUID'),
      from: required(params, 'From'),
      to: required(params, 'To'),
      text: single(params, 'Text') ?? '',
      channel: single(params, 'Type') === 'whatsapp' ? 'whatsapp' : 'sms',
    };
    const result = await this.messaging.request(MessagingSubjects.carrierInbound, carrierContext(request), message);
    return { received: true, duplicate: result.duplicate };
  }
}
