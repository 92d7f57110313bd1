import { messageOf, type NewWebhookEndpoint } from '@conversations/api-client';
import type { WebhookEndpointView, WebhookEndpointWithSecret } from '@conversations/contracts';
import { Icon, Notice, QueryError, SkeletonRows, useApi } from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { AdminsOnly, isForbidden } from './AdminsOnly';
import { DeliveryLog } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { EndpointHealth, EndpointState } from './EndpointHealth';
import { eventTypeLabel, eventTypesSummary } from './event-type-groups';
import { closeDialog, ModalDialog } from './ModalDialog';
import { WEBHOOKS_SETTINGS_PATH } from './routing';
import { SecretOnce } from './SecretOnce';
import { rememberDelivery, useEndpoint, useRememberEndpoint, webhookKeys } from './webhook-queries';

/** One endpoint: enable/disable, edit, rotate its secret, send a test event, delete; and its delivery log. */
export function EndpointDetail({ endpointId, onBack }: { endpointId: string; onBack: () => void }) {
  const endpoint = useEndpoint(endpointId);
  return (
    <div className="settings-detail">
      <a
        className="settings-back-link"
        href={WEBHOOKS_SETTINGS_PATH}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onBack();
        }}
      >
        <Icon name="arrow-left" size={16} />
        All endpoints
      </a>
      {endpoint.isPending ? <SkeletonRows count={4} /> : null}
      {endpoint.isError ? isForbidden(endpoint.error) ? <AdminsOnly /> : <QueryError query={endpoint} /> : null}
      {endpoint.isSuccess ? <EndpointSettings endpoint={endpoint.data} onDeleted={onBack} /> : null}
      {endpoint.isSuccess ? <DeliveryLog endpoint={endpoint.data} /> : null}
    </div>
  );
}

type Dialog = 'rotate' | 'delete' | null;

function EndpointSettings({ endpoint, onDeleted }: { endpoint: WebhookEndpointView; onDeleted: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const remember = useRememberEndpoint();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [rotated, setRotated] = useState<WebhookEndpointWithSecret | null>(null);
  const titleId = useId();

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => api.updateWebhookEndpoint(endpoint.id, { enabled }),
    onSuccess: remember,
  });
  const edit = useMutation({
    mutationFn: (values: NewWebhookEndpoint) => api.updateWebhookEndpoint(endpoint.id, values),
    onSuccess: (changed) => {
      remember(changed);
      setEditing(false);
    },
  });
  const test = useMutation({
    mutationFn: () => api.sendWebhookTest(endpoint.id),
    onSuccess: (delivery) => rememberDelivery(queryClient, delivery),
  });

  return (
    <section className="settings-section" aria-labelledby={titleId} data-testid="webhook-endpoint-detail">
      <div className="settings-detail-head">
        <h2 id={titleId} className="settings-url">
          {endpoint.url}
        </h2>
        <EndpointState endpoint={endpoint} />
      </div>
      {endpoint.description ? <p className="settings-lead">{endpoint.description}</p> : null}
      <EndpointHealth endpoint={endpoint} />

      <div className="settings-toolbar">
        <label className="settings-switch">
          <input
            type="checkbox"
            role="switch"
            checked={toggle.isPending ? (toggle.variables ?? endpoint.enabled) : endpoint.enabled}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate(event.target.checked)}
          />
          <span>Enabled</span>
        </label>
        <button type="button" className="cv-button" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
        <button type="button" className="cv-button" onClick={() => setEditing(true)} disabled={editing}>
          <Icon name="edit" size={16} />
          Edit
        </button>
        <button type="button" className="cv-button" onClick={() => setDialog('rotate')}>
          Rotate secret
        </button>
        <button type="button" className="cv-button settings-danger" onClick={() => setDialog('delete')}>
          Delete
        </button>
      </div>
      <div className="settings-feedback">
        {toggle.isError ? <Notice kind="error">{messageOf(toggle.error)}</Notice> : null}
        {toggle.isSuccess ? (
          <Notice kind="success">{toggle.data.enabled ? 'Endpoint enabled.' : 'Endpoint disabled: nothing is sent to it.'}</Notice>
        ) : null}
        {test.isError ? <Notice kind="error">{messageOf(test.error)}</Notice> : null}
        {test.isSuccess ? <Notice kind="success">Test event sent. Its delivery is at the top of the log below.</Notice> : null}
      </div>

      {rotated ? (
        <div className="settings-card">
          <SecretOnce secret={rotated.secret} onDone={() => setRotated(null)}>
            <p className="settings-muted">{overlapSentence(rotated.endpoint.previousSecretExpiresAt)}</p>
          </SecretOnce>
        </div>
      ) : endpoint.previousSecretExpiresAt ? (
        <p className="settings-muted">{overlapSentence(endpoint.previousSecretExpiresAt)}</p>
      ) : null}

      {editing ? (
        <div className="settings-card">
          <h3 className="settings-card-title" id="edit-endpoint-title">
            Edit endpoint
          </h3>
          <EndpointForm
            labelledBy="edit-endpoint-title"
            endpoint={endpoint}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            pending={edit.isPending}
            error={edit.error}
            onSubmit={(values) => edit.mutate(values)}
            onCancel={() => {
              edit.reset();
              setEditing(false);
            }}
          />
        </div>
      ) : (
        <dl className="settings-facts">
          <div>
            <dt>Event types</dt>
            <dd>
              {eventTypesSummary(endpoint.eventTypes)}
              {endpoint.eventTypes ? (
                <span className="settings-type-list">
                  {endpoint.eventTypes.map((type) => (
                    <code key={type} className="cv-chip" title={type}>
                      {type.replace(/^evt\./, '').split('.')[0]}: {eventTypeLabel(type)}
                    </code>
                  ))}
                </span>
              ) : null}
            </dd>
          </div>
        </dl>
      )}

      {dialog === 'rotate' ? (
        <RotateSecretDialog
          endpoint={endpoint}
          onRotated={(answer) => {
            remember(answer.endpoint);
            setRotated(answer);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteEndpointDialog
          endpoint={endpoint}
          onDeleted={() => {
            queryClient.removeQueries({ queryKey: webhookKeys.endpoint(endpoint.id) });
            void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints() });
            onDeleted();
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}

/** The API names the previous secret's end only while it still signs. */
function overlapSentence(previousSecretExpiresAt: string | null): string {
  if (!previousSecretExpiresAt) return 'The previous secret no longer signs: only the new one does.';
  return `Until ${new Date(previousSecretExpiresAt).toLocaleString()}, every delivery is signed with both the previous and the new secret, so your receiver keeps verifying while you update it.`;
}

/** How long the previous secret keeps signing beside the new one. */
const OVERLAPS = [
  { minutes: 24 * 60, label: '24 hours (recommended)' },
  { minutes: 60, label: '1 hour' },
  { minutes: 7 * 24 * 60, label: '7 days' },
  { minutes: 0, label: 'No overlap: the previous secret stops now' },
] as const;

function RotateSecretDialog({
  endpoint,
  onRotated,
  onClose,
}: {
  endpoint: WebhookEndpointView;
  onRotated: (answer: WebhookEndpointWithSecret) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const [overlapMinutes, setOverlapMinutes] = useState<number>(OVERLAPS[0].minutes);
  const rotate = useMutation({ mutationFn: () => api.rotateWebhookSecret(endpoint.id, overlapMinutes) });
  return (
    <ModalDialog title="Rotate signing secret" onClose={onClose} testId="rotate-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          rotate.mutate(undefined, {
            onSuccess: (answer) => {
              onRotated(answer);
              closeDialog(form);
            },
          });
        }}
      >
        <p>
          A new secret is made and shown once. During the overlap, each delivery carries two signatures — one made with the previous secret,
          one with the new — so your receiver keeps verifying while you give it the new secret.
        </p>
        <label className="cv-field">
          <span>Overlap</span>
          <select className="cv-select" value={overlapMinutes} onChange={(event) => setOverlapMinutes(Number(event.target.value))}>
            {OVERLAPS.map((overlap) => (
              <option key={overlap.minutes} value={overlap.minutes}>
                {overlap.label}
              </option>
            ))}
          </select>
        </label>
        {rotate.isError ? <Notice kind="error">{messageOf(rotate.error)}</Notice> : null}
        <div className="cv-dialog-actions">
          <button type="button" className="cv-button" onClick={(event) => closeDialog(event.currentTarget)}>
            Cancel
          </button>
          <button type="submit" className="cv-button cv-button--primary" disabled={rotate.isPending}>
            {rotate.isPending ? 'Rotating…' : 'Rotate secret'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function DeleteEndpointDialog({
  endpoint,
  onDeleted,
  onClose,
}: {
  endpoint: WebhookEndpointView;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const api = useApi();
  const remove = useMutation({ mutationFn: () => api.deleteWebhookEndpoint(endpoint.id) });
  return (
    <ModalDialog title="Delete endpoint?" onClose={onClose} testId="delete-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          remove.mutate(undefined, {
            onSuccess: () => {
              closeDialog(form);
              onDeleted();
            },
          });
        }}
      >
        <p>
          <span className="settings-url">{endpoint.url}</span> will receive nothing more; its pending deliveries are cancelled. This cannot
          be undone.
        </p>
        {remove.isError ? <Notice kind="error">{messageOf(remove.error)}</Notice> : null}
        <div className="cv-dialog-actions">
          <button type="button" className="cv-button" onClick={(event) => closeDialog(event.currentTarget)} autoFocus>
            Cancel
          </button>
          <button type="submit" className="cv-button settings-button-danger" disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete endpoint'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
