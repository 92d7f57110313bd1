import { CallView, ContactView, ErrorCodes, RequestContext, StartCallDto } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { callViewOf, newCall } from '../calls/call.view';
import { CallsRepository } from '../calls/calls.repository';
import { VoiceCarrier } from '../carrier/voice-carrier';
import { CALLS_CONFIG, CallsConfig, voiceWebhookUrl } from '../config';
import { ContactsClient } from '../peers/contacts.client';
import { MessagingClient } from '../peers/messaging.client';

/**
 * F13 click-to-call: the carrier rings the signed-in user's phone first; when the user answers, the
 * answer webhook bridges the call to the contact (see VoiceWebhooksService). Everything that can refuse
 * the call is checked before anything rings.
 */
@Injectable()
export class ClickToCallService {
  constructor(
    private readonly repository: CallsRepository,
    private readonly contacts: ContactsClient,
    private readonly messaging: MessagingClient,
    private readonly carrier: VoiceCarrier,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
  ) {}

  async start(ctx: RequestContext, contactId: string, input: StartCallDto): Promise<CallView> {
    const contact = await this.contacts.get(ctx, contactId);
    assertCallAllowed(contact);
    if (!contact.phone) {
      throw new DomainError(ErrorCodes.CONTACT_HAS_NO_PHONE, `${contact.fullName || 'This contact'} has no phone number to call`, {
        fields: { to: ['the contact has no phone number'] },
      });
    }
    await this.requireVoiceNumber(ctx, input.from);
    const agentPhone = await this.userPhone(ctx);

    const now = new Date();
    const _id = new Types.ObjectId();
    const call = newCall(
      {
        _id,
        tenantId: ctx.tenantId,
        direction: 'outbound',
        from: input.from,
        to: contact.phone,
        status: 'initiated',
        userId: ctx.userId,
        agentPhone,
      },
      contact,
      now,
    );
    const actor = { userId: ctx.userId };
    await this.repository.insert(call, actor);
    // Stored first, then dialled: every callback the carrier sends finds the call.
    const outcome = await this.carrier.startCall({
      from: input.from,
      to: agentPhone,
      answerUrl: voiceWebhookUrl(this.config, 'answer', `${_id}.agent`),
      hangupUrl: voiceWebhookUrl(this.config, 'hangup', `${_id}.agent`),
      ringTimeoutSeconds: this.config.DIAL_TIMEOUT_SECONDS,
    });
    if (outcome.kind === 'accepted') {
      const { call: updated } = await this.repository.applyChange(ctx.tenantId, _id, actor, (current) =>
        current.carrierRequestId ? null : { set: { carrierRequestId: outcome.requestUuid }, notify: false },
      );
      return callViewOf(updated);
    }
    const reason = `The carrier did not place the call: ${outcome.reason}`;
    await this.repository.applyChange(ctx.tenantId, _id, actor, (current) =>
      current.status === 'initiated'
        ? { set: { status: 'failed', outcomeReason: reason, endedAt: new Date(), durationSeconds: 0 }, notify: true }
        : null,
    );
    throw new DomainError(ErrorCodes.CARRIER_REJECTED, reason, { details: { callId: String(_id), carrier: this.carrier.name } });
  }

  /** `from` is the caller id the contact sees: one of the tenant's numbers that can make calls. */
  private async requireVoiceNumber(ctx: RequestContext, from: string): Promise<void> {
    const numbers = await this.messaging.numbers(ctx);
    if (!numbers.some((number) => number.number === from && number.capabilities.voice)) {
      throw new DomainError(ErrorCodes.FROM_NUMBER_NOT_ALLOWED, `${from} is not one of this account’s numbers that can make calls`, {
        fields: { from: ['from must be one of the account’s numbers that can make calls (see GET /api/v1/numbers)'] },
      });
    }
  }

  /** The signed-in user's own phone, from their team member profile: it rings first. */
  private async userPhone(ctx: RequestContext): Promise<string> {
    const missing = () =>
      new DomainError(
        ErrorCodes.USER_HAS_NO_PHONE,
        'Your team member profile has no phone number: we ring your phone first, then connect the contact. Ask an admin to add it.',
        {
          fields: { user: ['the signed-in user has no phone number'] },
        },
      );
    try {
      const member = await this.contacts.teamMember(ctx, ctx.userId);
      if (!member.phone) throw missing();
      return member.phone;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCodes.TEAM_MEMBER_NOT_FOUND) throw missing();
      throw error;
    }
  }
}

/** F13 + F32: DND for all channels or for calls blocks a call on the server, before anything rings. */
export function assertCallAllowed(contact: ContactView): void {
  const name = contact.fullName || contact.phone || 'This contact';
  if (contact.dnd.all) {
    throw new DomainError(ErrorCodes.DND_BLOCKED, `${name} has Do Not Contact set for all channels, so the call was not placed`, {
      details: { dnd: 'all' },
    });
  }
  if (contact.dnd.calls) {
    throw new DomainError(ErrorCodes.DND_BLOCKED, `${name} has Do Not Contact set for calls & voicemails, so the call was not placed`, {
      details: { dnd: 'calls' },
    });
  }
}
