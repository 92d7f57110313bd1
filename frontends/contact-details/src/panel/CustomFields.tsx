import { Field, Icon } from '@conversations/ui';
import { MAX_CUSTOM_FIELDS, type CustomFieldRow } from './contact-form';

/** F26: the contact's custom fields as rows: edit, add, remove; each row's error beside it. */
export function CustomFields({
  rows,
  errors,
  error,
  onChange,
  onAdd,
  onRemove,
}: {
  rows: CustomFieldRow[];
  /** Keyed `<row id>.key` / `<row id>.value`. */
  errors: Record<string, string>;
  /** About the custom fields as a whole (e.g. too many). */
  error: string | undefined;
  onChange: (id: string, change: Partial<CustomFieldRow>) => void;
  onAdd: () => void;
  onRemove: (id: string) => void;
}) {
  return (
    <fieldset className="details-custom-fields" data-testid="custom-fields" aria-invalid={error ? 'true' : undefined}>
      <legend>Custom fields</legend>
      {!rows.length ? <span className="details-muted">No custom fields yet.</span> : null}
      {rows.map((row) => (
        <CustomFieldEditor
          key={row.id}
          row={row}
          errors={errors}
          onChange={(change) => onChange(row.id, change)}
          onRemove={() => onRemove(row.id)}
        />
      ))}
      {error ? <small className="cv-field-error">{error}</small> : null}
      <div className="details-actions details-actions--start">
        <button type="button" className="cv-button cv-button--small" onClick={onAdd} disabled={rows.length >= MAX_CUSTOM_FIELDS}>
          <Icon name="plus" size={14} /> Add custom field
        </button>
      </div>
    </fieldset>
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
