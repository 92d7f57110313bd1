import type { WEBHOOK_HEADERS, WebhookAttemptView, WebhookDeliveryView, WebhookEndpointView } from '@conversations/contracts';
import { QueryError, SkeletonRows } from '@conversations/ui';
import { lastAttemptOf, originLabel, outcomeOf } from './delivery-outcome';
import { closeDialog, ModalDialog } from './ModalDialog';
import { useDelivery } from './webhook-queries';

/** The Standard Webhooks header names; typed by the contract's constant (frontends take only types from contracts). */
const HEADERS: typeof WEBHOOK_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** One delivery: what was sent (per attempt) and what the receiver answered. */
export function DeliveryDetail({
  endpoint,
  deliveryId,
  onClose,
}: {
  endpoint: WebhookEndpointView;
  deliveryId: string;
  onClose: () => void;
}) {
  const delivery = useDelivery(endpoint.id, deliveryId);
  return (
    <ModalDialog title="Delivery" onClose={onClose} size="wide" testId="delivery-dialog">
      {delivery.isPending ? <SkeletonRows count={4} height={28} /> : null}
      {delivery.isError ? <QueryError query={delivery} /> : null}
      {delivery.isSuccess ? <DeliveryFacts endpoint={endpoint} delivery={delivery.data} /> : null}
      <div className="cv-dialog-actions">
        <button type="button" className="cv-button" onClick={(event) => closeDialog(event.currentTarget)} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function DeliveryFacts({ endpoint, delivery }: { endpoint: WebhookEndpointView; delivery: WebhookDeliveryView }) {
  const outcome = outcomeOf(delivery);
  const last = lastAttemptOf(delivery);
  const attempts = delivery.attempts.filter((attempt) => attempt.url);
  return (
    <div className="settings-delivery">
      <dl className="settings-facts settings-facts--grid">
        <div>
          <dt>Event type</dt>
          <dd>
            <code>{delivery.eventType}</code>
            {originLabel(delivery) ? <span className="cv-chip settings-origin">{originLabel(delivery)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd>
            <span className="settings-outcome" data-status={delivery.status}>
              {outcome.state}
            </span>
            {outcome.detail ? ` · ${outcome.detail}` : ''}
          </dd>
        </div>
        <div>
          <dt>Event id (webhook-id)</dt>
          <dd>
            <code>{delivery.eventId}</code>
          </dd>
        </div>
        <div>
          <dt>Happened</dt>
          <dd>{when(delivery.occurredAt)}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{delivery.attemptCount}</dd>
        </div>
        <div>
          <dt>{delivery.status === 'delivered' ? 'Delivered' : 'Next attempt'}</dt>
          <dd>{when(delivery.status === 'delivered' ? delivery.deliveredAt : delivery.nextAttemptAt)}</dd>
        </div>
      </dl>
      {delivery.status === 'cancelled' && last?.error ? <p className="settings-muted">Cancelled: {last.error}</p> : null}

      <h3>Attempts</h3>
      {attempts.length === 0 ? <p className="settings-muted">No attempt yet.</p> : null}
      <ol className="settings-attempts" reversed>
        {[...attempts].reverse().map((attempt, index) => (
          <AttemptDetail key={`${attempt.at}-${index}`} attempt={attempt} delivery={delivery} endpoint={endpoint} />
        ))}
      </ol>
    </div>
  );
}

/**
 * One attempt: the request as sent (method, URL, the Standard Webhooks headers — the signature itself is
 * not kept, it is made from the secret) and the receiver's answer (status, the start of its body).
 */
function AttemptDetail({
  attempt,
  delivery,
  endpoint,
}: {
  attempt: WebhookAttemptView;
  delivery: WebhookDeliveryView;
  endpoint: WebhookEndpointView;
}) {
  const headers = [
    'content-type: application/json',
    'user-agent: Conversations-Webhooks/1',
    `${HEADERS.id}: ${delivery.eventId}`,
    `${HEADERS.timestamp}: ${Math.floor(Date.parse(attempt.at) / 1000)}`,
    `${HEADERS.signature}: v1,… (not kept: made with the endpoint's secret)`,
  ].join('\n');
  return (
    <li className="settings-attempt" data-testid="delivery-attempt">
      <p className="settings-attempt-head">
        <strong>{when(attempt.at)}</strong>
        <span>{attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : 'No answer'}</span>
        <span className="settings-muted">{attempt.durationMs} ms</span>
      </p>
      {attempt.error ? <p className="settings-attempt-error">{attempt.error}</p> : null}
      <div className="settings-exchange">
        <div>
          <h4>Request</h4>
          <pre className="settings-pre" tabIndex={0} aria-label="Request headers">
            {`POST ${attempt.url || endpoint.url}\n${headers}`}
          </pre>
          <p className="settings-muted settings-small">
            Body: the event <code>{'{ id, type, occurredAt, tenantId, actor, data }'}</code> as JSON (the log keeps no copy of it).
          </p>
        </div>
        <div>
          <h4>Response</h4>
          <pre className="settings-pre" tabIndex={0} aria-label="Response body">
            {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}\n\n${attempt.responseBody ?? ''}` : (attempt.error ?? 'No answer')}
          </pre>
          {attempt.url && attempt.url !== endpoint.url ? (
            <p className="settings-muted settings-small">After redirects: {attempt.url}</p>
          ) : null}
        </div>
      </div>
    </li>
  );
}
