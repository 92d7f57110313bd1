import { type ContactView, ErrorCodes, type RequestContext, type ScheduleCancelReason } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { ContactsClient } from '../contacts/contacts.client';
import type { MessageDocument } from '../messages/message.schema';
import { NumbersService } from '../numbers/numbers.service';
import { QuietHours } from './quiet-hours';
import { dndReasonOf } from './schedule-rules';

/** Whether a scheduled message whose time came goes now, never goes (and why), or waits (F42). */
export type SendTimeVerdict =
  { kind: 'send'; contact: ContactView } | { kind: 'cancel'; reason: ScheduleCancelReason } | { kind: 'defer'; until: Date };

/**
 * F38: what was checked when the message was scheduled is checked again when it is due — the contact
 * still exists, Do Not Contact or an opt-out does not keep texts from them, its From number can still
 * send on the channel — and then quiet hours (F42's hook). A failure to ask (contacts unreachable) is
 * thrown: the scheduler tries again shortly; it never sends without the checks.
 */
@Injectable()
export class SendTimeChecks {
  constructor(
    private readonly contacts: ContactsClient,
    private readonly numbers: NumbersService,
    private readonly quietHours: QuietHours,
  ) {}

  async verdictFor(ctx: RequestContext, message: MessageDocument, now = new Date()): Promise<SendTimeVerdict> {
    let contact: ContactView;
    try {
      contact = await this.contacts.get(ctx, String(message.contactId));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCodes.CONTACT_NOT_FOUND) return { kind: 'cancel', reason: 'contact_deleted' };
      throw error;
    }
    const dnd = dndReasonOf(contact);
    if (dnd) return { kind: 'cancel', reason: dnd };
    try {
      await this.numbers.requireSender(ctx.tenantId, message.from, message.channel === 'whatsapp' ? 'whatsapp' : 'sms');
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCodes.FROM_NUMBER_NOT_ALLOWED) {
        return { kind: 'cancel', reason: 'from_number_unavailable' };
      }
      throw error;
    }
    const quiet = await this.quietHours.verdictFor(ctx.tenantId, contact, now);
    if (quiet.kind === 'cancel') return { kind: 'cancel', reason: 'quiet_hours' };
    if (quiet.kind === 'defer') return quiet;
    return { kind: 'send', contact };
  }
}
