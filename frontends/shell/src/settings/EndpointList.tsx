import { mergePages, type NewWebhookEndpoint } from '@conversations/api-client';
import type { WebhookEndpointView, WebhookEndpointWithSecret } from '@conversations/contracts';
import { EmptyState, formatListTime, Icon, QueryError, SkeletonRows, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminsOnly, isForbidden } from './AdminsOnly';
import { EndpointForm } from './EndpointForm';
import { EndpointHealth, EndpointState } from './EndpointHealth';
import { eventTypesSummary } from './event-type-groups';
import { pathOfEndpoint } from './routing';
import { SecretOnce } from './SecretOnce';
import { rememberEndpoint, useEndpoints } from './webhook-queries';

/** Settings → Webhooks: the account's endpoints, and "Add endpoint" (whose answer shows the secret once). */
export function EndpointList({ onOpen }: { onOpen: (endpointId: string) => void }) {
  const endpoints = useEndpoints();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const rows = mergePages(endpoints.data?.pages);

  return (
    <section className="settings-section" aria-labelledby="webhook-endpoints-title">
      <div className="settings-heading-row">
        <h2 id="webhook-endpoints-title">Endpoints</h2>
        {!adding && !created ? (
          <button type="button" className="cv-button cv-button--primary" onClick={() => setAdding(true)}>
            <Icon name="plus" size={16} />
            Add endpoint
          </button>
        ) : null}
      </div>
      <p className="settings-muted settings-lead">
        Conversations sends every change you subscribe to (contacts, messages, calls, appointments) to these URLs as a signed{' '}
        <code>POST</code> (Standard Webhooks), and retries for about a day until the receiver answers 2xx.
      </p>
      {adding ? (
        <div className="settings-card">
          <h3 className="settings-card-title" id="add-endpoint-title">
            Add endpoint
          </h3>
          <CreateEndpoint
            onCreated={(answer) => {
              setAdding(false);
              setCreated(answer);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {created ? (
        <div className="settings-card">
          <SecretOnce secret={created.secret} onDone={() => setCreated(null)}>
            <p className="settings-muted">
              Endpoint added: <span className="settings-url">{created.endpoint.url}</span>
            </p>
          </SecretOnce>
        </div>
      ) : null}
      {endpoints.isPending ? <SkeletonRows count={3} /> : null}
      {endpoints.isError ? isForbidden(endpoints.error) ? <AdminsOnly /> : <QueryError query={endpoints} /> : null}
      {endpoints.isSuccess && rows.length === 0 && !adding && !created ? (
        <EmptyState title="No endpoints yet">Add one to have changes delivered to your systems.</EmptyState>
      ) : null}
      {rows.length ? (
        <ul className="settings-endpoints" aria-label="Webhook endpoints">
          {rows.map((endpoint) => (
            <EndpointRow key={endpoint.id} endpoint={endpoint} onOpen={() => onOpen(endpoint.id)} />
          ))}
        </ul>
      ) : null}
      {endpoints.hasNextPage ? (
        <button type="button" className="cv-button" disabled={endpoints.isFetchingNextPage} onClick={() => void endpoints.fetchNextPage()}>
          {endpoints.isFetchingNextPage ? 'Loading…' : 'Show more endpoints'}
        </button>
      ) : null}
    </section>
  );
}

function CreateEndpoint({ onCreated, onCancel }: { onCreated: (answer: WebhookEndpointWithSecret) => void; onCancel: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: NewWebhookEndpoint) => api.createWebhookEndpoint(values),
    onSuccess: (answer) => {
      rememberEndpoint(queryClient, answer.endpoint);
      onCreated(answer);
    },
  });
  return (
    <EndpointForm
      labelledBy="add-endpoint-title"
      submitLabel="Add endpoint"
      pendingLabel="Adding…"
      pending={create.isPending}
      error={create.error}
      onSubmit={(values) => create.mutate(values)}
      onCancel={onCancel}
    />
  );
}

function EndpointRow({ endpoint, onOpen }: { endpoint: WebhookEndpointView; onOpen: () => void }) {
  return (
    <li className="settings-endpoint" data-testid="webhook-endpoint">
      <div className="settings-endpoint-main">
        <a
          className="settings-endpoint-link settings-url"
          href={pathOfEndpoint(endpoint.id)}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            onOpen();
          }}
        >
          {endpoint.url}
        </a>
        {endpoint.description ? <span className="settings-muted">{endpoint.description}</span> : null}
      </div>
      <div className="settings-endpoint-facts">
        <EndpointState endpoint={endpoint} />
        <span className="cv-chip">{eventTypesSummary(endpoint.eventTypes)}</span>
        <span className="settings-muted">Added {formatListTime(endpoint.createdAt, undefined)}</span>
      </div>
      <EndpointHealth endpoint={endpoint} />
    </li>
  );
}
