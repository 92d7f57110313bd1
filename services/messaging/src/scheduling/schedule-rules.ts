import {
  type ContactView,
  type DomainEvent,
  MessagingEventTypes,
  type RequestContext,
  type ScheduleCancelReason,
} from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import type { MessageDocument } from '../messages/message.schema';
import { actorOf, type MessageChange, type MessagesRepository } from '../messages/messages.repository';

/** The longest a message may be scheduled ahead: a year (the same day and time next year). */
export function latestScheduleFrom(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}

/**
 * F38: `scheduledAt` (already an ISO instant with its offset, see SendMessageDto) as a time at least
 * `minLeadMs` and at most a year from `now`; otherwise a 422 naming the field.
 */
export function scheduledTimeOf(value: string, now: Date, minLeadMs: number): Date {
  const at = new Date(value);
  const soonest = new Date(now.getTime() + minLeadMs);
  if (Number.isNaN(at.getTime())) throw DomainError.validation({ scheduledAt: ['scheduledAt is not a date and time'] });
  if (at < soonest) {
    const [amount, unit] = minLeadMs >= 60_000 ? [Math.round(minLeadMs / 60_000), 'minute'] : [Math.round(minLeadMs / 1000), 'second'];
    const lead = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
    throw DomainError.validation({ scheduledAt: [`scheduledAt must be at least ${lead} from now`] });
  }
  if (at > latestScheduleFrom(now)) throw DomainError.validation({ scheduledAt: ['scheduledAt must be at most a year from now'] });
  return at;
}

/**
 * Whether Do Not Contact keeps texts from the contact now, and why: `opted_out` when the contact turned
 * texts off themselves (the last change that did came from their STOP), `dnd` when a person did.
 */
export function dndReasonOf(contact: ContactView): Extract<ScheduleCancelReason, 'dnd' | 'opted_out'> | null {
  if (!contact.dnd.all && !contact.dnd.sms) return null;
  const turnedOff = [...(contact.dndHistory ?? [])].reverse().find((change) => change.changes.sms === true || change.changes.all === true);
  return turnedOff?.source === 'inbound-keyword' ? 'opted_out' : 'dnd';
}

/** The reason in the status trail, in words a user can act on. */
export const CANCEL_REASON_WORDS: Record<ScheduleCancelReason, string> = {
  user: 'Canceled before it was sent.',
  contact_replied: 'Canceled because the contact replied first.',
  dnd: 'Not sent: the contact has Do Not Contact set for text messages.',
  opted_out: 'Not sent: the contact opted out of text messages (STOP).',
  contact_deleted: 'Not sent: the contact was deleted.',
  from_number_unavailable: 'Not sent: its From number can no longer send on this channel.',
  quiet_hours: 'Not sent: it fell in the account’s quiet hours.',
};

/** A scheduled message that will not go: canceled with its reason, off the scheduler's index, with its events. */
export function canceledChange(
  repository: MessagesRepository,
  actor: DomainEvent['actor'],
  message: MessageDocument,
  reason: ScheduleCancelReason,
): MessageChange {
  return {
    set: {
      status: 'canceled',
      cancelReason: reason,
      fireAt: null,
      fireLeaseToken: null,
      statusTrail: [...message.statusTrail, { status: 'canceled', at: new Date().toISOString(), reason: CANCEL_REASON_WORDS[reason] }],
    },
    events: (updated) => [
      repository.statusEvent(actor, updated, 'scheduled'),
      repository.scheduleEvent(MessagingEventTypes.messageCanceled, actor, updated),
    ],
  };
}

/** A scheduled message whose time came: queued for the send worker like any message sent now (round 1). */
export function queuedChange(repository: MessagesRepository, ctx: RequestContext, message: MessageDocument): MessageChange {
  return {
    set: {
      status: 'queued',
      sendRound: 1,
      fireAt: null,
      fireLeaseToken: null,
      statusTrail: [...message.statusTrail, { status: 'queued', at: new Date().toISOString() }],
    },
    events: (updated) => [repository.statusEvent(actorOf(ctx), updated, 'scheduled'), repository.queuedEvent(ctx, updated)],
  };
}
