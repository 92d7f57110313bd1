import type { WebhookDeliveryStatus } from './webhook.dto';

/** A tenant's webhook endpoint. Its secret is never part of the view: it is shown once (create, rotate). */
export interface WebhookEndpointView {
  id: string;
  url: string;
  /** The subscribed event types; null = every type. */
  eventTypes: string[] | null;
  enabled: boolean;
  description: string | null;
  /** Set when the service disabled the endpoint after it kept failing (the notice the settings page shows). */
  disabledReason: string | null;
  disabledAt: string | null;
  /** The first failure of the current run of failures; null while deliveries succeed. */
  failingSince: string | null;
  consecutiveFailures: number;
  /** While a rotated-out secret still signs beside the current one. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What create and rotate answer: the view and the secret, shown this once. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpointView;
  /** `whsec_…`: give it to the receiver's Standard Webhooks verifier. */
  secret: string;
}

/** One attempt to deliver: what the receiver answered, or why there was no answer. */
export interface WebhookAttemptView {
  at: string;
  durationMs: number;
  /** The final HTTP status (after redirects), or null when no response came. */
  statusCode: number | null;
  /** Why the attempt failed (timeout, refused address, connection error, non-2xx); null on success. */
  error: string | null;
  /** The start of the response body (capped). */
  responseBody: string | null;
  /** The URL the request finally went to, when a redirect was followed. */
  url: string;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** What created it: the event itself, a replay, or "send test event". */
  origin: 'event' | 'replay' | 'test';
  status: WebhookDeliveryStatus;
  attemptCount: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  attempts: WebhookAttemptView[];
  occurredAt: string;
  createdAt: string;
}

export interface WebhookReplayResult {
  /** How many new deliveries the replay created. */
  deliveries: number;
}

/** evt.webhooks.endpoint-disabled: the service disabled an endpoint that kept failing. */
export interface WebhookEndpointDisabledEventData {
  endpointId: string;
  url: string;
  reason: string;
  failingSince: string;
  consecutiveFailures: number;
}
