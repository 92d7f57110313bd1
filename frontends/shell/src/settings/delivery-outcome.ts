import type { WebhookAttemptView, WebhookDeliveryView } from '@conversations/contracts';

export function lastAttemptOf(delivery: WebhookDeliveryView): WebhookAttemptView | undefined {
  return delivery.attempts[delivery.attempts.length - 1];
}

/** The status words of a delivery: its state, and the receiver's last HTTP status (or why none came). */
export function outcomeOf(delivery: WebhookDeliveryView): { state: string; detail: string | null } {
  const last = lastAttemptOf(delivery);
  const answer = last ? (last.statusCode !== null ? String(last.statusCode) : (last.error ?? 'no answer')) : null;
  switch (delivery.status) {
    case 'delivered':
      return { state: 'Delivered', detail: answer };
    case 'failed':
      return { state: 'Failed', detail: answer };
    case 'cancelled':
      return { state: 'Cancelled', detail: last?.error ?? null };
    case 'pending':
      return delivery.attemptCount === 0 ? { state: 'Sending', detail: null } : { state: 'Retrying', detail: answer };
  }
}

const ORIGINS: Record<WebhookDeliveryView['origin'], string | null> = { event: null, replay: 'replay', test: 'test' };

export function originLabel(delivery: WebhookDeliveryView): string | null {
  return ORIGINS[delivery.origin];
}
