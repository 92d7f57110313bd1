import { CarrierCallAnswer, CarrierXmlResponse, ContactView, ErrorCodes, RequestContext } from '@conversations/contracts';
import { toE164OrNull } from '@conversations/person-search';
import { DomainError } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { CallDocument, inboundCallIdOf } from '../calls/call.schema';
import { newCall } from '../calls/call.view';
import { CallsRepository } from '../calls/calls.repository';
import { CALLS_CONFIG, CallsConfig, voiceWebhookUrl } from '../config';
import { ContactsClient } from '../peers/contacts.client';
import { MessagingClient } from '../peers/messaging.client';
import { CallSettings, CallSettingsService } from '../settings/call-settings.service';
import { bridgeXml, rejectXml, speakAndHangUpXml, voicemailXml } from '../voice/voice-xml';

export const DND_INBOUND_REASON = 'Rejected: the contact has Do Not Contact for inbound calls';
const NOBODY_REASON = 'Missed call: no one was available to take it';

interface Target {
  phone: string;
  userId: string | null;
}

/**
 * An inbound call (F32): the tenant is the owner of the number called, the caller becomes (or is) a
 * contact, and the call is recorded before the carrier is told what to do. The call's id is derived from
 * the carrier's CallUUID, so a repeated answer webhook finds the call it created and answers the same.
 */
@Injectable()
export class InboundCallsService {
  constructor(
    private readonly repository: CallsRepository,
    private readonly contacts: ContactsClient,
    private readonly messaging: MessagingClient,
    private readonly settings: CallSettingsService,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
  ) {}

  async answer(input: CarrierCallAnswer): Promise<CarrierXmlResponse> {
    const system: RequestContext = { tenantId: '', userId: 'system:carrier', requestId: input.providerCallId };
    const owner = await this.messaging.ownerOf(system, input.to);
    const ctx: RequestContext = { ...system, tenantId: owner.tenantId };
    const _id = inboundCallIdOf(input.providerCallId);
    const settings = await this.settings.get(ctx.tenantId);
    const earlier = await this.repository.calls.findOne({ _id, tenantId: ctx.tenantId }).lean<CallDocument>();
    if (earlier) return { xml: this.xmlFor(earlier, settings), applied: false };

    const phone = toE164OrNull(input.from, this.config.DEFAULT_PHONE_COUNTRY);
    if (!phone)
      throw DomainError.validation(
        { from: [`From ${input.from.slice(0, 40)} is not a phone number this inbox can call back`] },
        'The caller’s number is withheld or not a phone number',
      );
    const { contact } = await this.contacts.findOrCreateByPhone(ctx, phone);
    const rejected = contact.dnd.inboundCallsAndSms === true || contact.dnd.all === true;
    const target = rejected ? null : await this.targetFor(ctx, contact, settings);
    const now = new Date();
    const ended = { endedAt: now, durationSeconds: 0 };
    const call = newCall(
      {
        _id,
        tenantId: ctx.tenantId,
        direction: 'inbound',
        from: phone,
        to: owner.number.number,
        status: 'ringing',
        userId: target?.userId ?? null,
        agentPhone: target?.phone ?? null,
        rejected,
        providerCallId: input.providerCallId,
        providerCallKey: input.providerCallId,
        // Refused (F32) or nobody to ring: the call is over before it rings anyone.
        ...(rejected ? { status: 'canceled', outcomeReason: DND_INBOUND_REASON, ...ended } : {}),
        ...(!rejected && !target
          ? {
              status: 'no-answer',
              outcomeReason: settings.voicemail ? `${NOBODY_REASON}; the caller was sent to voicemail` : NOBODY_REASON,
              ...ended,
            }
          : {}),
      },
      contact,
      now,
    );
    const stored = await this.repository.insert(call, { system: 'carrier' });
    if (!stored) {
      // The same webhook twice at once: the first one stored decides.
      const winner = await this.repository.load(ctx.tenantId, _id);
      return { xml: this.xmlFor(winner, settings), applied: false };
    }
    return { xml: this.xmlFor(call, settings), applied: true };
  }

  /** The assigned team member's phone (F19), else the tenant's default number; null when neither. */
  private async targetFor(ctx: RequestContext, contact: ContactView, settings: CallSettings): Promise<Target | null> {
    const memberId = contact.assignment?.type === 'user' ? contact.assignment.userId : null;
    if (memberId) {
      const member = await this.contacts.teamMember(ctx, memberId).catch((error: unknown) => {
        // A member removed since the assignment: ring the default number instead.
        if (error instanceof DomainError && error.code === ErrorCodes.TEAM_MEMBER_NOT_FOUND) return null;
        throw error;
      });
      if (member?.phone) return { phone: member.phone, userId: member.id };
    }
    return settings.defaultNumber ? { phone: settings.defaultNumber, userId: null } : null;
  }

  /** The XML an inbound call's answer webhook gets, from the call as stored (so a repeat gets the same). */
  private xmlFor(call: CallDocument, settings: CallSettings): string {
    const id = String(call._id);
    if (call.rejected) return rejectXml();
    if (call.status === 'ringing' && call.agentPhone) {
      return bridgeXml({
        // The team member sees who is calling.
        callerId: call.from,
        number: call.agentPhone,
        dialActionUrl: voiceWebhookUrl(this.config, 'dial', `${id}.agent`),
        timeoutSeconds: this.config.DIAL_TIMEOUT_SECONDS,
        recordingCallbackUrl: settings.recordCalls ? voiceWebhookUrl(this.config, 'recording', id) : null,
      });
    }
    if (settings.voicemail && !call.answered)
      return voicemailXml(settings.voicemailGreeting, voiceWebhookUrl(this.config, 'recording', `${id}.voicemail`));
    return speakAndHangUpXml('Sorry, no one is available to take your call. Goodbye.');
  }
}
