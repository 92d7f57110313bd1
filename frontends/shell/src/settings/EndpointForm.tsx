import { ApiError, fieldError, messageOf, type NewWebhookEndpoint } from '@conversations/api-client';
import type { WebhookEndpointView } from '@conversations/contracts';
import { Field, Notice } from '@conversations/ui';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { EventTypesPicker } from './EventTypesPicker';

/** The fields the form knows; any other field error the server sends is shown above the buttons. */
const FORM_FIELDS = ['url', 'description', 'eventTypes'];

/** What the form shows above its buttons: the message of a failure that names none of its fields. */
function formLevelError(error: unknown): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError) || !Object.keys(error.fields).length) return messageOf(error);
  const others = Object.entries(error.fields).filter(([field]) => !FORM_FIELDS.includes(field));
  return others.length ? others.map(([field, messages]) => `${field}: ${messages.join(', ')}`).join('; ') : null;
}

/**
 * Add or edit an endpoint: URL, description, event types. The server checks the URL (https only, http to a
 * loopback address in development, no internal addresses) and its 422 field messages show beside each field.
 */
export function EndpointForm({
  endpoint,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  labelledBy,
}: {
  endpoint?: WebhookEndpointView;
  /** The id of the heading that names the form. */
  labelledBy: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: NewWebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [eventTypes, setEventTypes] = useState<string[] | null>(endpoint?.eventTypes ?? null);
  const hintId = useId();
  const urlInput = useRef<HTMLInputElement>(null);
  useEffect(() => urlInput.current?.focus(), []);

  const urlError = fieldError(error, 'url');
  const otherError = formLevelError(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ url: url.trim(), description: description.trim() || null, eventTypes });
  };
  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <div className="settings-form-field">
        <Field label="URL" error={urlError}>
          <input
            ref={urlInput}
            name="url"
            className="cv-input"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://crm.example.com/hooks/conversations"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={hintId}
          />
        </Field>
        <small id={hintId} className="settings-muted">
          https only (http to 127.0.0.1 or localhost in development). Internal and cloud-metadata addresses are refused.
        </small>
      </div>
      <Field label="Description (optional)" error={fieldError(error, 'description')}>
        <input
          name="description"
          className="cv-input"
          maxLength={500}
          placeholder="e.g. Sync to our CRM"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-invalid={fieldError(error, 'description') ? true : undefined}
        />
      </Field>
      <EventTypesPicker value={eventTypes} onChange={setEventTypes} error={fieldError(error, 'eventTypes')} />
      {otherError ? <Notice kind="error">{otherError}</Notice> : null}
      <div className="settings-actions">
        <button type="submit" className="cv-button cv-button--primary" disabled={pending || !url.trim()}>
          {pending ? pendingLabel : submitLabel}
        </button>
        <button type="button" className="cv-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
