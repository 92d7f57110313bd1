import type { WebhookEndpointView } from '@conversations/contracts';
import { formatListTime } from '@conversations/ui';

/** "Enabled" / "Disabled", in words and colour. */
export function EndpointState({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <span className="settings-state" data-state={endpoint.enabled ? 'enabled' : 'disabled'}>
      {endpoint.enabled ? 'Enabled' : 'Disabled'}
    </span>
  );
}

/**
 * The notice of an endpoint in trouble: disabled by the service after it kept failing (with its reason;
 * enabling it again clears it), or failing right now. It looks like a Notice but is no live region: it is a
 * standing state of the page, not news, so a list of them is not read out on load.
 */
export function EndpointHealth({ endpoint }: { endpoint: WebhookEndpointView }) {
  if (endpoint.disabledReason) {
    return (
      <div className="cv-notice cv-notice--warning" data-testid="endpoint-health">
        <span className="cv-notice-text">
          {/* The service's reason says it all ("Disabled automatically: every delivery failed for 24 h (…)"). */}
          <strong>{endpoint.disabledReason.replace(/\.$/, '')}</strong>
          {endpoint.disabledAt ? ` — ${formatListTime(endpoint.disabledAt, undefined)}` : ''}. Nothing is sent to it until it is enabled
          again.
        </span>
      </div>
    );
  }
  if (endpoint.failingSince && endpoint.consecutiveFailures > 0) {
    return (
      <div className="cv-notice cv-notice--warning" data-testid="endpoint-health">
        <span className="cv-notice-text">
          <strong>Failing</strong> since {formatListTime(endpoint.failingSince, undefined)}: {endpoint.consecutiveFailures} failed{' '}
          {endpoint.consecutiveFailures === 1 ? 'attempt' : 'attempts'} in a row. Deliveries are retried; an endpoint that keeps failing for
          a day is disabled.
        </span>
      </div>
    );
  }
  return null;
}
