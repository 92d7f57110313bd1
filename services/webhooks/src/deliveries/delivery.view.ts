import type { WebhookDeliveryView } from '@conversations/contracts';
import type { DeliveryDocument } from './delivery.schema';

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function deliveryViewOf(delivery: DeliveryDocument): WebhookDeliveryView {
  return {
    id: String(delivery._id),
    endpointId: String(delivery.endpointId),
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    origin: delivery.origin,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    deliveredAt: iso(delivery.deliveredAt),
    attempts: delivery.attempts.map((attempt) => ({ ...attempt, at: iso(attempt.at) as string })),
    occurredAt: iso(delivery.occurredAt) as string,
    createdAt: iso(delivery.createdAt) as string,
  };
}
