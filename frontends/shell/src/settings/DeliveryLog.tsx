import { mergePages, messageOf } from '@conversations/api-client';
import type { WebhookDeliveryStatus, WebhookEndpointView } from '@conversations/contracts';
import { EmptyState, formatListTime, Notice, QueryError, SkeletonRows, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { DeliveryDetail } from './DeliveryDetail';
import { originLabel, outcomeOf } from './delivery-outcome';
import { rememberDelivery, useDeliveries } from './webhook-queries';

/** Every delivery status (the Record makes a new one in the contract a compile error here), in the filter's order. */
const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const STATUSES = Object.keys(STATUS_LABELS) as WebhookDeliveryStatus[];

/**
 * The endpoint's delivery log, newest first, a page at a time (cursor): event type, time, outcome with the
 * receiver's status code, attempts and the next one; "Resend" per delivery and its detail in a dialog.
 * While a delivery is pending the log is asked for again every few seconds.
 */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const deliveries = useDeliveries(endpoint.id, status);
  const rows = mergePages(deliveries.data?.pages);
  const titleId = useId();
  const resend = useMutation({
    mutationFn: (deliveryId: string) => api.resendWebhookDelivery(endpoint.id, deliveryId),
    onSuccess: (delivery) => rememberDelivery(queryClient, delivery),
  });

  return (
    <section className="settings-section" aria-labelledby={titleId} data-testid="delivery-log">
      <div className="settings-heading-row">
        <h2 id={titleId}>Delivery log</h2>
        <div className="settings-log-tools">
          <label className="settings-inline-field">
            <span>Show</span>
            <select
              className="cv-select"
              value={status ?? ''}
              onChange={(event) => setStatus((event.target.value || null) as WebhookDeliveryStatus | null)}
            >
              <option value="">All deliveries</option>
              {STATUSES.map((each) => (
                <option key={each} value={each}>
                  {STATUS_LABELS[each]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="cv-button cv-button--small"
            onClick={() => void deliveries.refetch()}
            disabled={deliveries.isFetching}
          >
            Refresh
          </button>
        </div>
      </div>
      {resend.isError ? <Notice kind="error">{messageOf(resend.error)}</Notice> : null}
      {resend.isSuccess ? <Notice kind="success">Sent again: the delivery is pending with a fresh retry schedule.</Notice> : null}
      {deliveries.isPending ? <SkeletonRows count={4} height={44} /> : null}
      {deliveries.isError && !rows.length ? <QueryError query={deliveries} /> : null}
      {deliveries.isSuccess && !rows.length ? (
        <EmptyState title={status ? `No ${STATUS_LABELS[status].toLowerCase()} deliveries` : 'No deliveries yet'}>
          Events this endpoint subscribes to appear here as they are sent. “Send test event” makes one now.
        </EmptyState>
      ) : null}
      {rows.length ? (
        <table className="settings-log">
          <caption className="cv-visually-hidden">Deliveries to {endpoint.url}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Time</th>
              <th scope="col">Outcome</th>
              <th scope="col">Attempts</th>
              <th scope="col">Next attempt</th>
              <th scope="col">
                <span className="cv-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((delivery) => {
              const outcome = outcomeOf(delivery);
              const origin = originLabel(delivery);
              return (
                <tr key={delivery.id} data-testid="delivery-row" data-status={delivery.status}>
                  <td data-label="Event">
                    <code className="settings-event-type">{delivery.eventType}</code>
                    {origin ? <span className="cv-chip settings-origin">{origin}</span> : null}
                  </td>
                  <td data-label="Time">
                    <time dateTime={delivery.createdAt}>{formatListTime(delivery.createdAt, undefined)}</time>
                  </td>
                  <td data-label="Outcome">
                    <span>
                      <span className="settings-outcome" data-status={delivery.status}>
                        {outcome.state}
                      </span>
                      {outcome.detail ? ` · ${outcome.detail}` : null}
                    </span>
                  </td>
                  <td data-label="Attempts">{delivery.attemptCount}</td>
                  <td data-label="Next attempt">
                    {delivery.nextAttemptAt ? (
                      <time dateTime={delivery.nextAttemptAt}>{formatListTime(delivery.nextAttemptAt, undefined)}</time>
                    ) : (
                      <span className="settings-muted">—</span>
                    )}
                  </td>
                  <td className="settings-log-actions">
                    <button
                      type="button"
                      className="cv-button cv-button--small"
                      aria-label={`Details of ${delivery.eventType} at ${formatListTime(delivery.createdAt, undefined)}`}
                      onClick={() => setOpened(delivery.id)}
                    >
                      Details
                    </button>
                    <button
                      type="button"
                      className="cv-button cv-button--small"
                      aria-label={`Resend ${delivery.eventType} at ${formatListTime(delivery.createdAt, undefined)}`}
                      disabled={resend.isPending && resend.variables === delivery.id}
                      onClick={() => resend.mutate(delivery.id)}
                    >
                      Resend
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {deliveries.isFetchNextPageError ? <QueryError query={deliveries} /> : null}
      {deliveries.hasNextPage ? (
        <button
          type="button"
          className="cv-button"
          disabled={deliveries.isFetchingNextPage}
          onClick={() => void deliveries.fetchNextPage()}
        >
          {deliveries.isFetchingNextPage ? 'Loading…' : 'Show older deliveries'}
        </button>
      ) : null}
      {opened ? <DeliveryDetail endpoint={endpoint} deliveryId={opened} onClose={() => setOpened(null)} /> : null}
    </section>
  );
}
