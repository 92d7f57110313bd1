import type {
  ConversationView,
  MessageScheduleView,
  MessageStatusChange,
  MessageView,
  SenderNumberView,
  SmsFromView,
} from '@conversations/contracts';
import { MESSAGE_CHANNELS, SCHEDULE_CANCEL_REASONS } from '@conversations/contracts';
import { boolean, dateTime, nullable, objectOf, page, string } from './schema-builders';
import type { Schema } from './schema-builders';

/** OpenAPI schemas of the messaging views, checked against their contracts interfaces at compile time. */

const STATUSES = ['scheduled', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'received', 'canceled'];

const schedule = objectOf<MessageScheduleView>(
  {
    scheduledAt: dateTime('when it is due (UTC)'),
    cancelIfReplied: boolean('canceled automatically if the contact writes in first'),
    cancelReason: nullable(string('why it did not go; null unless canceled', { enum: [...SCHEDULE_CANCEL_REASONS] })),
  },
  'F38: present only on a message sent with scheduledAt',
);

const statusChange = objectOf<MessageStatusChange>({
  status: string(undefined, { enum: STATUSES }),
  at: dateTime(),
  reason: string('plain-language reason (failures, retries)'),
  carrierCode: string('the carrier’s error code'),
});
statusChange.required = ['status', 'at'];

const message = objectOf<MessageView>({
  id: string(),
  contactId: string(),
  direction: string(undefined, { enum: ['inbound', 'outbound'] }),
  channel: string(undefined, { enum: [...MESSAGE_CHANNELS] }),
  from: string('E.164'),
  to: string('E.164'),
  body: string('as sent, placeholders rendered'),
  segments: { type: 'integer', description: 'SMS segments the body takes' },
  status: string('outbound: (scheduled →) queued → sent → delivered | undelivered | failed, or scheduled → canceled; inbound: received', {
    enum: STATUSES,
  }),
  statusTrail: { type: 'array', items: statusChange, description: 'every status change (F40)' },
  failureReason: nullable(string('why it failed, in words a user can act on')),
  clientMessageId: nullable(string('the idempotency key the client sent')),
  providerMessageId: nullable(string('the carrier’s message id')),
  automated: boolean('sent by the system (HELP reply)'),
  silenced: boolean('inbound while the contact has DND inbound: stored, no notification (F32)'),
  sentBy: nullable(string('user id of the sender')),
  schedule,
  createdAt: dateTime(),
  updatedAt: dateTime(),
});
message.required = message.required?.filter((name) => name !== 'schedule');

const conversation = objectOf<ConversationView>({
  id: string(),
  contactId: string(),
  contact: { type: 'object', properties: { fullName: string(), phone: nullable(string('E.164')) }, required: ['fullName', 'phone'] },
  lastMessageAt: nullable(dateTime()),
  lastMessagePreview: nullable(string()),
  lastMessageDirection: nullable(string(undefined, { enum: ['inbound', 'outbound'] })),
  unreadCount: { type: 'integer' },
  smsFrom: nullable(string('the SMS From number chosen for this contact (F31)')),
});

const smsFrom = objectOf<SmsFromView>({
  contactId: string(),
  from: nullable(string('E.164; null until chosen')),
  to: nullable(string('the contact’s number (read-only)')),
});

const senderNumber = objectOf<SenderNumberView>({
  id: string(),
  number: string('E.164'),
  label: string(),
  capabilities: {
    type: 'object',
    properties: { sms: boolean(), whatsapp: boolean(), voice: boolean() },
    required: ['sms', 'whatsapp', 'voice'],
  },
});

export const MESSAGING_VIEW_SCHEMAS: Record<string, Schema> = {
  MessageView: message,
  MessagePage: page('MessageView'),
  ConversationView: conversation,
  ConversationPage: page('ConversationView'),
  SmsFromView: smsFrom,
  SenderNumberView: senderNumber,
};
