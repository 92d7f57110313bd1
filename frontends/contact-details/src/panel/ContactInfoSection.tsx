import { ApiError, fieldError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Field, Icon, Notice, Section, useApi } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CONTACT_FIELDS,
  MAX_CUSTOM_FIELDS,
  changesOf,
  customFieldRowsOf,
  customFieldsOf,
  formValuesOf,
  sameCustomFieldRows,
  type ContactFormValues,
  type CustomFieldRow,
} from './contact-form';
import { useContactSaved } from './use-contact';

/** F26: the contact's stored fields and custom fields; Save Changes → confirmation, field errors from the server. */
export function ContactInfoSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const saved = useContactSaved();
  const [original, setOriginal] = useState(() => formValuesOf(contact));
  const [values, setValues] = useState<ContactFormValues>(original);
  const [originalRows, setOriginalRows] = useState(() => customFieldRowsOf(contact));
  const [rows, setRows] = useState<CustomFieldRow[]>(originalRows);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [confirmation, setConfirmation] = useState(false);
  const addedCount = useRef(0);

  // Another contact, or the same one changed elsewhere: show its stored values unless the user is editing.
  const stored = formValuesOf(contact);
  const storedKey = JSON.stringify([stored, contact.customFields]);
  const rowsDirty = !sameCustomFieldRows(rows, originalRows);
  const dirty = JSON.stringify(values) !== JSON.stringify(original) || rowsDirty;
  useEffect(() => {
    if (dirty) return;
    setOriginal(stored);
    setValues(stored);
    const storedRows = customFieldRowsOf(contact);
    setOriginalRows(storedRows);
    setRows(storedRows);
  }, [storedKey, contact.id]);
  useEffect(() => {
    setConfirmation(false);
  }, [contact.id]);

  const save = useMutation({
    mutationFn: (customFields: Record<string, string | number | boolean | null> | undefined) =>
      api.updateContact(contact.id, { ...changesOf(original, values), ...(customFields ? { customFields } : {}) }),
    onSuccess: (updated) => {
      const fresh = formValuesOf(updated);
      setOriginal(fresh);
      setValues(fresh);
      const freshRows = customFieldRowsOf(updated);
      setOriginalRows(freshRows);
      setRows(freshRows);
      setConfirmation(true);
      saved(updated);
    },
    onError: () => setConfirmation(false),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    save.reset();
    const custom = rowsDirty ? customFieldsOf(rows) : null;
    setRowErrors(custom?.errors ?? {});
    if (custom && Object.keys(custom.errors).length) return;
    save.mutate(custom?.fields);
  };

  const edit = () => setConfirmation(false);
  const changeRow = (id: string, change: Partial<CustomFieldRow>) => {
    edit();
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));
    setRowErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(`${id}.`) && key !== 'customFields')),
    );
  };
  const addRow = () => {
    edit();
    addedCount.current += 1;
    setRows((current) => [...current, { id: `new:${addedCount.current}`, key: '', value: '', kind: 'text', added: true }]);
  };
  const removeRow = (id: string) => {
    edit();
    setRows((current) => current.filter((row) => row.id !== id));
  };

  const error = save.error;
  const errorFor = (key: string) => fieldError(error, key);
  const customFieldsError = rowErrors['customFields'] ?? errorFor('customFields');

  return (
    <Section title="Contact Info" testId="section-contact-info">
      <form className="details-form" onSubmit={submit} noValidate>
        <div className="details-grid">
          {CONTACT_FIELDS.map((field) => (
            <Field key={field.key} label={field.label} error={errorFor(field.key)}>
              <input
                className="cv-input"
                name={field.key}
                type={field.type}
                autoComplete={field.autoComplete}
                value={values[field.key]}
                aria-invalid={errorFor(field.key) ? 'true' : undefined}
                onChange={(event) => {
                  edit();
                  setValues({ ...values, [field.key]: event.target.value });
                }}
              />
            </Field>
          ))}
        </div>
        <fieldset className="details-custom-fields" data-testid="custom-fields" aria-invalid={customFieldsError ? 'true' : undefined}>
          <legend>Custom fields</legend>
          {!rows.length ? <span className="details-muted">No custom fields yet.</span> : null}
          {rows.map((row) => (
            <CustomFieldEditor
              key={row.id}
              row={row}
              errors={rowErrors}
              onChange={(change) => changeRow(row.id, change)}
              onRemove={() => removeRow(row.id)}
            />
          ))}
          {customFieldsError ? <small className="cv-field-error">{customFieldsError}</small> : null}
          <div className="details-actions details-actions--start">
            <button type="button" className="cv-button cv-button--small" onClick={addRow} disabled={rows.length >= MAX_CUSTOM_FIELDS}>
              <Icon name="plus" size={14} /> Add custom field
            </button>
          </div>
        </fieldset>
        {Object.keys(rowErrors).length ? <Notice kind="error">Some custom fields need attention.</Notice> : null}
        {error ? (
          <Notice kind="error">
            {error instanceof ApiError && error.status === 422 ? 'Some fields need attention: ' + error.message : messageOf(error)}
          </Notice>
        ) : null}
        {confirmation ? <Notice kind="success">Contact saved. The new details show everywhere.</Notice> : null}
        <div className="details-actions">
          <button type="submit" className="cv-button cv-button--primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save Changes'}
          </button>
        </div>
      </form>
    </Section>
  );
}

function CustomFieldEditor({
  row,
  errors,
  onChange,
  onRemove,
}: {
  row: CustomFieldRow;
  errors: Record<string, string>;
  onChange: (change: Partial<CustomFieldRow>) => void;
  onRemove: () => void;
}) {
  const keyError = errors[`${row.id}.key`];
  const valueError = errors[`${row.id}.value`];
  const name = row.key || 'new field';
  return (
    <div
      className={`details-custom-row${typeof row.value === 'boolean' && !row.added ? ' details-custom-row--check' : ''}`}
      data-testid="custom-field"
    >
      {row.added ? (
        <Field label="Field name" error={keyError}>
          <input
            className="cv-input"
            name={`customFieldKey.${row.id}`}
            value={row.key}
            placeholder="e.g. loyaltyTier"
            aria-invalid={keyError ? 'true' : undefined}
            onChange={(event) => onChange({ key: event.target.value })}
          />
        </Field>
      ) : null}
      {typeof row.value === 'boolean' ? (
        <label className="details-check details-custom-check">
          <input
            type="checkbox"
            name={`customFields.${row.key}`}
            checked={row.value}
            onChange={(event) => onChange({ value: event.target.checked })}
          />
          <span>{row.key}</span>
        </label>
      ) : (
        <Field label={row.added ? 'Value' : row.key} error={valueError}>
          <input
            className="cv-input"
            name={row.added ? `customFieldValue.${row.id}` : `customFields.${row.key}`}
            inputMode={row.kind === 'number' ? 'decimal' : undefined}
            value={row.value}
            aria-invalid={valueError ? 'true' : undefined}
            onChange={(event) => onChange({ value: event.target.value })}
          />
        </Field>
      )}
      <button
        type="button"
        className="cv-icon-button details-custom-remove"
        aria-label={`Remove ${name}`}
        title={`Remove ${name}`}
        onClick={onRemove}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
