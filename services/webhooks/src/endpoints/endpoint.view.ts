import type { WebhookEndpointView } from '@conversations/contracts';
import type { WebhookEndpointDocument } from './endpoint.schema';

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function endpointViewOf(endpoint: WebhookEndpointDocument, now = new Date()): WebhookEndpointView {
  const previous = endpoint.secrets.find((entry) => entry.expiresAt && new Date(entry.expiresAt) > now);
  return {
    id: String(endpoint._id),
    url: endpoint.url,
    eventTypes: endpoint.eventTypes ? [...endpoint.eventTypes] : null,
    enabled: endpoint.enabled,
    description: endpoint.description,
    disabledReason: endpoint.disabledReason,
    disabledAt: iso(endpoint.disabledAt),
    failingSince: iso(endpoint.failingSince),
    consecutiveFailures: endpoint.consecutiveFailures ?? 0,
    previousSecretExpiresAt: iso(previous?.expiresAt),
    createdAt: iso(endpoint.createdAt) as string,
    updatedAt: iso(endpoint.updatedAt) as string,
  };
}
