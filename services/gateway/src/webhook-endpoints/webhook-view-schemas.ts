import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type WebhookAttemptView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  type WebhookReplayResult,
} from '@conversations/contracts';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { boolean, dateTime, integer, nullable, objectOf, string } from '../docs/schema-builders';

/**
 * OpenAPI schemas of the webhook views, checked against their contracts interfaces at compile time
 * (objectOf). They are written inline in each route's answer.
 */

const eventType = string('a domain event type', { enum: [...WEBHOOK_EVENT_TYPES] });

export const WEBHOOK_ENDPOINT_VIEW = objectOf<WebhookEndpointView>({
  id: string(),
  url: string('https URL the events are POSTed to'),
  eventTypes: nullable({ type: 'array', items: eventType, description: 'subscribed types; null = every type' }),
  enabled: boolean(),
  description: nullable(string()),
  disabledReason: nullable(string('why the service disabled the endpoint (it kept failing)')),
  disabledAt: nullable(dateTime()),
  failingSince: nullable(dateTime('first failure of the current run of failures')),
  consecutiveFailures: integer(),
  previousSecretExpiresAt: nullable(dateTime('until then the rotated-out secret signs beside the current one')),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const WEBHOOK_ENDPOINT_WITH_SECRET = objectOf<WebhookEndpointWithSecret>({
  endpoint: WEBHOOK_ENDPOINT_VIEW,
  secret: string('`whsec_…`, shown only in this answer: the receiver verifies signatures with it', {
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
});

const attempt = objectOf<WebhookAttemptView>({
  at: dateTime(),
  durationMs: integer(),
  statusCode: nullable(integer('the receiver’s HTTP status; null when no response came')),
  error: nullable(string('why the attempt failed (timeout, refused address, connection error, non-2xx)')),
  responseBody: nullable(string('the start of the response body (at most 1 KB)')),
  url: string('where the request finally went (after redirects)'),
});

export const WEBHOOK_DELIVERY_VIEW = objectOf<WebhookDeliveryView>({
  id: string(),
  endpointId: string(),
  eventId: string('also the `webhook-id` header'),
  eventType: string(),
  origin: string(undefined, { enum: ['event', 'replay', 'test'] }),
  status: string(undefined, { enum: [...WEBHOOK_DELIVERY_STATUSES] }),
  attemptCount: integer('attempts since created or resent'),
  nextAttemptAt: nullable(dateTime('when the next attempt is due (pending only)')),
  deliveredAt: nullable(dateTime()),
  attempts: { type: 'array', items: attempt },
  occurredAt: dateTime('when the event happened'),
  createdAt: dateTime(),
});

export const WEBHOOK_REPLAY_RESULT = objectOf<WebhookReplayResult>({ deliveries: integer('new deliveries made') });

export const pageOf = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  properties: {
    items: { type: 'array', items: item },
    nextCursor: nullable(string('pass as `cursor` for the next page; null on the last page')),
  },
  required: ['items', 'nextCursor'],
});
