import { AppointmentEventTypes, CallEventTypes, ContactEventTypes, MessagingEventTypes, WebhookEventTypes } from '../subjects';

/**
 * The domain events a tenant's webhook endpoint can subscribe to: every change SPEC F33 lists (contact
 * info, tags, disposition, DND, assignment, notes, messages, calls, appointments) and the webhooks
 * service's own notices. `evt.messaging.message-queued` is left out: it is the send worker's internal
 * work item, and `evt.messaging.message-created` already describes the message.
 */
export const WEBHOOK_EVENT_TYPES = [
  ...Object.values(ContactEventTypes),
  ...Object.values(AppointmentEventTypes),
  MessagingEventTypes.messageCreated,
  MessagingEventTypes.messageStatusChanged,
  MessagingEventTypes.messageScheduled,
  MessagingEventTypes.messageUpdated,
  MessagingEventTypes.messageCanceled,
  MessagingEventTypes.conversationUpdated,
  ...Object.values(CallEventTypes),
  ...Object.values(WebhookEventTypes),
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the event "send test event" delivers; it is not a domain event and is never stored. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

const SUBSCRIBABLE = new Set<string>(WEBHOOK_EVENT_TYPES);
export function isWebhookEventType(type: string): type is WebhookEventType {
  return SUBSCRIBABLE.has(type);
}

/** The Standard Webhooks headers every delivery carries (https://www.standardwebhooks.com). */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** A secret is `whsec_` + base64 of 32 random bytes: the form Standard Webhooks libraries take as is. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
