import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const WEBHOOK_ENDPOINT_MODEL = 'WebhookEndpoint';

/** A signing secret: the current one has no end; a rotated-out one signs until `expiresAt`. */
export interface EndpointSecret {
  secret: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface WebhookEndpointDocument {
  _id: Types.ObjectId;
  tenantId: string;
  url: string;
  /** null = every event type. */
  eventTypes: string[] | null;
  enabled: boolean;
  description: string | null;
  /** Newest first; secrets never leave the service except once, on create and rotate. */
  secrets: EndpointSecret[];
  failingSince: Date | null;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version?: number;
  outbox: unknown[];
}

export const webhookEndpointSchema = new Schema<WebhookEndpointDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    url: { type: String, required: true },
    eventTypes: { type: Schema.Types.Mixed, default: null },
    enabled: { type: Boolean, required: true },
    description: { type: String, default: null },
    secrets: { type: [Object], required: true },
    failingSince: { type: Date, default: null },
    consecutiveFailures: { type: Number, default: 0 },
    disabledAt: { type: Date, default: null },
    disabledReason: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'webhook_endpoints', versionKey: false, minimize: false },
);
webhookEndpointSchema.plugin(tenantScopedPlugin);
// The tenant's endpoints, newest first, by cursor; also every endpoint of a tenant an event may go to.
webhookEndpointSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });

/** The secrets that sign at `now`: the current one and any rotated-out one still in its overlap. */
export function signingSecretsOf(endpoint: Pick<WebhookEndpointDocument, 'secrets'>, now = new Date()): string[] {
  return endpoint.secrets.filter((entry) => !entry.expiresAt || new Date(entry.expiresAt) > now).map((entry) => entry.secret);
}

export function subscribes(endpoint: Pick<WebhookEndpointDocument, 'eventTypes'>, eventType: string): boolean {
  return endpoint.eventTypes === null || endpoint.eventTypes.includes(eventType);
}
