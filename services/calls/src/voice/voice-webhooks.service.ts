import { CarrierCallAnswer, CarrierCallRecording, CarrierCallStatus, CarrierXmlResponse } from '@conversations/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { CallDocument, inboundCallIdOf } from '../calls/call.schema';
import { CallsRepository } from '../calls/calls.repository';
import { CALLS_CONFIG, CallsConfig, voiceWebhookUrl } from '../config';
import { InboundCallsService } from '../inbound/inbound-calls.service';
import { CallSettings, CallSettingsService } from '../settings/call-settings.service';
import { dialOutcome, hangupOutcome, isFinal } from './call-outcomes';
import { CallRef, parseRef, unknownCall } from './carrier-payloads';
import { bridgeXml, emptyXml, speakAndHangUpXml, voicemailXml } from './voice-xml';

export const CARRIER_ACTOR = { system: 'carrier' } as const;

/**
 * The carrier's voice webhooks, verified by the gateway: what to do when a leg answers (Plivo XML), and
 * how each call ended. The tenant comes from the call the webhook names (our ref, or the CallUUID of an
 * inbound call) or from our number, never from the caller. Final statuses never change again, so
 * repeated and late callbacks change nothing, publish nothing, and get the same XML.
 */
@Injectable()
export class VoiceWebhooksService {
  constructor(
    private readonly repository: CallsRepository,
    private readonly settings: CallSettingsService,
    private readonly inbound: InboundCallsService,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
  ) {}

  /** answer_url: an inbound call arrives (no ref), or the user's phone answered a click-to-call (`<id>.agent`). */
  async answer(input: CarrierCallAnswer): Promise<CarrierXmlResponse> {
    const ref = parseRef(input.ref);
    if (!ref) {
      if (input.direction === 'inbound') return this.inbound.answer(input);
      throw unknownCall();
    }
    const found = await this.callOf(ref, 'outbound', ['agent'], input.providerCallId);
    const { call, applied } = await this.repository.applyChange(found.tenantId, found._id, CARRIER_ACTOR, (current) =>
      current.status === 'initiated'
        ? { set: { status: 'ringing', ...this.carrierIdOf(current, input.providerCallId) }, notify: true }
        : null,
    );
    // Already over (the carrier took too long and the call was given up, or the user hung up): stop here.
    if (isFinal(call.status)) return { xml: speakAndHangUpXml('This call has already ended.'), applied };
    const settings = await this.settings.get(call.tenantId);
    const id = String(call._id);
    const xml = bridgeXml({
      callerId: call.from,
      number: call.to,
      dialActionUrl: voiceWebhookUrl(this.config, 'dial', `${id}.contact`),
      timeoutSeconds: this.config.DIAL_TIMEOUT_SECONDS,
      recordingCallbackUrl: settings.recordCalls ? voiceWebhookUrl(this.config, 'recording', id) : null,
    });
    return { xml, applied };
  }

  /** hangup_url (a leg ended) and the Dial action URL (how the bridge ended): the call's outcome. */
  async status(input: CarrierCallStatus): Promise<CarrierXmlResponse> {
    const ref = parseRef(input.ref);
    const call = ref
      ? await this.callOf(ref, 'any', input.event === 'dial' ? ['contact', 'agent'] : ['agent', null], input.providerCallId)
      : await this.inboundCallOf(input.providerCallId);
    // Click-to-call dials the contact (`.contact`); an inbound call dials a team member (`.agent`).
    if (input.event === 'dial' && ref && ref.leg !== (call.direction === 'outbound' ? 'contact' : 'agent')) throw unknownCall();
    const settings = await this.settings.get(call.tenantId);
    const report = { status: input.status, durationSeconds: input.durationSeconds, hangupCause: input.hangupCause, at: new Date() };
    const { call: updated, applied } = await this.repository.applyChange(call.tenantId, call._id, CARRIER_ACTOR, (current) => {
      const set =
        input.event === 'dial'
          ? dialOutcome(
              current,
              { ...report, dialLegCallId: input.dialLegCallId ?? null },
              current.direction === 'inbound' && settings.voicemail,
            )
          : hangupOutcome(current, report);
      return set ? { set: { ...set, ...this.carrierIdOf(current, input.providerCallId) }, notify: true } : null;
    });
    return { xml: input.event === 'dial' ? this.afterDialXml(updated, settings) : emptyXml(), applied };
  }

  /** Recording callback: the audio is ready. Stored once per call (a repeat names the same RecordingID). */
  async recording(input: CarrierCallRecording): Promise<Required<CarrierXmlResponse>> {
    const ref = parseRef(input.ref);
    if (!ref) throw unknownCall();
    const call = await this.callOf(ref, 'any', [null, 'voicemail'], input.providerCallId);
    const { applied } = await this.repository.applyChange(call.tenantId, call._id, CARRIER_ACTOR, (current) =>
      current.recording
        ? null
        : {
            set: {
              recording: {
                providerRecordingId: input.recordingId,
                sourceUrl: input.recordingUrl,
                durationSeconds: Math.round(input.durationSeconds),
                kind: ref.leg === 'voicemail' ? 'voicemail' : 'call',
              },
            },
            notify: true,
          },
    );
    return { xml: emptyXml(), applied };
  }

  /** What the call does once the `<Dial>` is over: nothing after a conversation; voicemail or an explanation otherwise. */
  private afterDialXml(call: CallDocument, settings: CallSettings): string {
    if (call.status === 'completed') return emptyXml();
    if (call.direction === 'outbound') return speakAndHangUpXml(`${call.outcomeReason ?? 'The call did not connect'}.`);
    if (settings.voicemail && call.status !== 'failed')
      return voicemailXml(settings.voicemailGreeting, voiceWebhookUrl(this.config, 'recording', `${call._id}.voicemail`));
    return speakAndHangUpXml('Sorry, no one is available to take your call. Goodbye.');
  }

  /** The call a ref names, if it is of the expected kind and leg and the carrier's call id agrees with ours. */
  private async callOf(ref: CallRef, direction: 'outbound' | 'any', legs: CallRef['leg'][], providerCallId: string): Promise<CallDocument> {
    const call = await this.repository.findForCarrier(ref.callId);
    if (!call || (direction !== 'any' && call.direction !== direction) || !legs.includes(ref.leg)) throw unknownCall();
    if (call.providerCallId && call.providerCallId !== providerCallId) throw unknownCall();
    return call;
  }

  /** An inbound call's webhooks without our ref (the hangup_url is the number's, not the call's) name it by CallUUID. */
  private async inboundCallOf(providerCallId: string): Promise<CallDocument> {
    const call = await this.repository.findForCarrier(inboundCallIdOf(providerCallId));
    if (!call || call.providerCallId !== providerCallId) throw unknownCall();
    return call;
  }

  /** The first webhook of a click-to-call's user leg names its CallUUID (the create answer only had a request id). */
  private carrierIdOf(current: CallDocument, providerCallId: string): Partial<CallDocument> {
    return current.providerCallId ? {} : { providerCallId, providerCallKey: providerCallId };
  }
}
