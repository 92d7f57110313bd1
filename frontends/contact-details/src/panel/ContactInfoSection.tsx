import { ApiError, fieldError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Field, Notice, Section } from '@conversations/ui';
import { CONTACT_FIELDS, fieldsToFixMessage } from './contact-form';
import { CustomFields } from './CustomFields';
import { useContactForm } from './use-contact-form';

/**
 * F26: the contact's stored fields and custom fields; Save Changes → confirmation, field errors from the server.
 * F37: edits kept from an earlier visit (contact switch, reload) come back with "Unsaved changes — Save / Discard".
 */
export function ContactInfoSection({ contact }: { contact: ContactView }) {
  const form = useContactForm(contact);
  const error = form.save.error;
  const errorFor = (key: string) => fieldError(error, key);

  return (
    <Section title="Contact Info" testId="section-contact-info">
      <form className="details-form" onSubmit={form.submit} noValidate>
        {form.restoredDraft ? (
          <Notice kind="warning">
            <span className="cv-notice-text">Unsaved changes</span>
            <span className="details-draft-actions">
              <button type="submit" className="cv-button cv-button--small cv-button--primary" disabled={form.save.isPending}>
                Save
              </button>
              <button type="button" className="cv-button cv-button--small" onClick={form.discard} disabled={form.save.isPending}>
                Discard
              </button>
            </span>
          </Notice>
        ) : null}
        <div className="details-grid">
          {CONTACT_FIELDS.map((field) => (
            <Field key={field.key} label={field.label} error={errorFor(field.key)}>
              <input
                className="cv-input"
                name={field.key}
                type={field.type}
                autoComplete={field.autoComplete}
                value={form.values[field.key]}
                aria-invalid={errorFor(field.key) ? 'true' : undefined}
                onChange={(event) => form.setValue(field.key, event.target.value)}
              />
            </Field>
          ))}
        </div>
        <CustomFields
          rows={form.rows}
          errors={form.rowErrors}
          error={form.rowErrors['customFields'] ?? errorFor('customFields')}
          onChange={form.changeRow}
          onAdd={form.addRow}
          onRemove={form.removeRow}
        />
        {Object.keys(form.rowErrors).length ? <Notice kind="error">Some custom fields need attention.</Notice> : null}
        {error ? (
          <Notice kind="error">
            {error instanceof ApiError && error.status === 422 ? fieldsToFixMessage(error.fields, error.message) : messageOf(error)}
          </Notice>
        ) : null}
        {form.confirmation ? <Notice kind="success">Contact saved. The new details show everywhere.</Notice> : null}
        <div className="details-actions">
          <button type="submit" className="cv-button cv-button--primary" disabled={!form.dirty || form.save.isPending}>
            {form.save.isPending ? 'Saving…' : 'Save Changes'}
          </button>
        </div>
      </form>
    </Section>
  );
}
