import type { MessageChannel } from './messaging.dto';

export type MessageDirection = 'inbound' | 'outbound';
/**
 * Outbound: queued → sent → delivered | undelivered | failed (never backwards); a message sent later (F38)
 * starts `scheduled` and goes on to queued, or ends `canceled`. Inbound: received.
 */
export type MessageStatus = 'scheduled' | 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received' | 'canceled';

/**
 * F38: why a scheduled message did not go. `user`: canceled by a person; `contact_replied`: the contact
 * wrote in first (the message asked for that); `dnd` / `opted_out`: Do Not Contact for texts, set by a
 * person or by the contact's STOP; `contact_deleted`; `from_number_unavailable`: its From number can no
 * longer send; `quiet_hours`: F42's policy said cancel.
 */
export const SCHEDULE_CANCEL_REASONS = [
  'user',
  'contact_replied',
  'dnd',
  'opted_out',
  'contact_deleted',
  'from_number_unavailable',
  'quiet_hours',
] as const;
export type ScheduleCancelReason = (typeof SCHEDULE_CANCEL_REASONS)[number];

/** F38: the schedule of a message sent later; kept after it went (or did not). */
export interface MessageScheduleView {
  /** When it is due (UTC); the composer picks it in the contact's time zone. */
  scheduledAt: string;
  /** Canceled automatically when the contact sends a message after it was scheduled. */
  cancelIfReplied: boolean;
  /** Why it did not go; null unless canceled. */
  cancelReason: ScheduleCancelReason | null;
}

/** One entry of a message's status trail (F40). */
export interface MessageStatusChange {
  status: MessageStatus;
  at: string;
  /** Plain-language reason for a failure, from the carrier's code. */
  reason?: string;
  carrierCode?: string;
}

export interface MessageView {
  id: string;
  contactId: string;
  direction: MessageDirection;
  channel: MessageChannel;
  from: string;
  to: string;
  body: string;
  /** SMS segments the body takes (what the carrier bills). */
  segments: number;
  status: MessageStatus;
  statusTrail: MessageStatusChange[];
  /** Why the message failed, in words a user can act on; null unless failed/undelivered. */
  failureReason: string | null;
  clientMessageId: string | null;
  providerMessageId: string | null;
  /** Sent by the system (HELP reply), not by a person. */
  automated: boolean;
  /** Inbound while the contact has DND inbound set (F32): stored, no notification. */
  silenced: boolean;
  sentBy: string | null;
  /**
   * Present only on a message sent with `scheduledAt` (F38). The message sorts by `createdAt` (when it
   * was scheduled) in the timeline and message lists, before and after it goes.
   */
  schedule?: MessageScheduleView;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationView {
  id: string;
  contactId: string;
  contact: { fullName: string; phone: string | null };
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastMessageDirection: MessageDirection | null;
  unreadCount: number;
  /** F31: the SMS From number chosen for this contact. */
  smsFrom: string | null;
}

export interface SmsFromView {
  contactId: string;
  from: string | null;
  /** The contact's number (read-only in the UI). */
  to: string | null;
}

export interface SenderNumberView {
  id: string;
  /** E.164 */
  number: string;
  label: string;
  capabilities: { sms: boolean; whatsapp: boolean; voice: boolean };
}

/** Answer of messaging.numbers.resolve: the tenant that owns a number, and the number. */
export interface NumberOwnerView {
  tenantId: string;
  number: SenderNumberView;
}

/**
 * Payload of evt.messaging.message-created, message-status-changed, and of F38's message-scheduled,
 * message-updated (text or time of a scheduled message) and message-canceled.
 */
export interface MessageEventData {
  messageId: string;
  contactId: string;
  message: MessageView;
  /** False for inbound messages from a contact with DND inbound set (F32): show nothing. */
  notify: boolean;
  /** On status changes: the status before. */
  previousStatus?: MessageStatus;
}

/** Payload of evt.messaging.message-queued: the work item of the send worker. */
export interface MessageQueuedEventData {
  messageId: string;
  contactId: string;
  sendRound: number;
}

export interface ConversationEventData {
  conversationId: string;
  contactId: string;
  conversation: ConversationView;
  notify: boolean;
}

/** Answer of messaging.carrier.status: false when the report changed nothing (a duplicate or out of order). */
export interface CarrierStatusResult {
  applied: boolean;
  messageId: string | null;
}

/** Answer of messaging.carrier.inbound: `duplicate` when the carrier delivered the same message again. */
export interface CarrierInboundResult {
  messageId: string;
  duplicate: boolean;
  /** The opt-out/opt-in/help keyword the message was, if any (F25). */
  keyword: string | null;
}
