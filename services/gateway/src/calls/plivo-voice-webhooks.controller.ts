import { CallsSubjects, CarrierCallAnswer, CarrierCallRecording, CarrierCallStatus, CarrierXmlResponse } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Controller, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/auth.decorators';
import { carrierContext, PlivoWebhookVerifier, refOf, required, single, WebhookParams } from '../carrier/plivo-webhook-verifier';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import type { GatewayRequest } from '../http/gateway-request';
import { CallsClient } from '../nats/service-client';

/**
 * Plivo's voice webhooks: the answer URL (what to do with a call), the hangup URL, the `<Dial>` action
 * URL and the recording callback. Authenticated by the V3 signature only, as the message webhooks; the
 * calls service resolves the tenant from our `ref` or our number. Plivo reads XML back from each.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('webhooks/plivo/voice')
export class PlivoVoiceWebhooksController {
  private readonly verifier: PlivoWebhookVerifier;

  constructor(
    private readonly calls: CallsClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.verifier = new PlivoWebhookVerifier(config);
  }

  @Post('answer')
  async answer(@Req() request: GatewayRequest, @Res() response: ServerResponse): Promise<void> {
    const params = await this.verifier.verify(request);
    const answer: CarrierCallAnswer = {
      carrier: 'plivo',
      providerCallId: required(params, 'CallUUID'),
      from: required(params, 'From'),
      to: required(params, 'To'),
      direction: single(params, 'Direction') === 'outbound' ? 'outbound' : 'inbound',
      ref: refOf(request),
    };
    sendXml(response, await this.calls.request(CallsSubjects.carrierAnswer, carrierContext(request), answer));
  }

  @Post('hangup')
  async hangup(@Req() request: GatewayRequest, @Res() response: ServerResponse): Promise<void> {
    const params = await this.verifier.verify(request);
    const status: CarrierCallStatus = {
      carrier: 'plivo',
      event: 'hangup',
      providerCallId: required(params, 'CallUUID'),
      status: required(params, 'CallStatus'),
      // Duration is the talk time; BillDuration is rounded up to the billing increment.
      durationSeconds: seconds(params, 'Duration'),
      hangupCause: single(params, 'HangupCause') || null,
      from: single(params, 'From') || null,
      to: single(params, 'To') || null,
      ref: refOf(request),
    };
    sendXml(response, await this.calls.request(CallsSubjects.carrierStatus, carrierContext(request), status));
  }

  @Post('dial')
  async dial(@Req() request: GatewayRequest, @Res() response: ServerResponse): Promise<void> {
    const params = await this.verifier.verify(request);
    const providerCallId = single(params, 'DialALegUUID') || single(params, 'CallUUID');
    if (!providerCallId) throw DomainError.validation({ DialALegUUID: ['DialALegUUID or CallUUID is required'] });
    const status: CarrierCallStatus = {
      carrier: 'plivo',
      event: 'dial',
      providerCallId,
      status: required(params, 'DialStatus'),
      durationSeconds: seconds(params, 'DialBLegDuration'),
      hangupCause: single(params, 'DialHangupCause') || single(params, 'DialBLegHangupCause') || null,
      dialLegCallId: single(params, 'DialBLegUUID') || null,
      from: single(params, 'From') || null,
      to: single(params, 'To') || single(params, 'DialBLegTo') || null,
      ref: refOf(request),
    };
    sendXml(response, await this.calls.request(CallsSubjects.carrierStatus, carrierContext(request), status));
  }

  @Post('recording')
  @HttpCode(HttpStatus.OK)
  async recording(@Req() request: GatewayRequest): Promise<{ received: true; applied: boolean }> {
    const params = await this.verifier.verify(request);
    const recording: CarrierCallRecording = {
      carrier: 'plivo',
      providerCallId: required(params, 'CallUUID'),
      recordingId: required(params, 'RecordingID'),
      recordingUrl: recordingUrlOf(params),
      durationSeconds: seconds(params, 'RecordingDuration') ?? Math.round((seconds(params, 'RecordingDurationMs') ?? 0) / 1000),
      ref: refOf(request),
    };
    const result = await this.calls.request(CallsSubjects.carrierRecording, carrierContext(request), recording);
    return { received: true, applied: result.applied };
  }
}

function sendXml(response: ServerResponse, answer: CarrierXmlResponse): void {
  response.writeHead(HttpStatus.OK, { 'content-type': 'application/xml; charset=utf-8' });
  response.end(answer.xml);
}

/** A whole number of seconds, or null when absent; a malformed one is the carrier's error, answered 422. */
function seconds(params: WebhookParams, name: string): number | null {
  const value = single(params, name);
  if (value === undefined || value === '') return null;
  if (!/^\d{1,9}$/.test(value)) throw DomainError.validation({ [name]: [`${name} must be a whole number`] });
  return Number(value);
}

function recordingUrlOf(params: WebhookParams): string {
  const url = required(params, 'RecordUrl');
  if (!/^https?:\/\//.test(url)) throw DomainError.validation({ RecordUrl: ['RecordUrl must be an http(s) URL'] });
  return url;
}
