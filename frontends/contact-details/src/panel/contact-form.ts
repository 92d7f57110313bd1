import type { ContactView } from '@conversations/contracts';
import type { ContactChanges } from '@conversations/api-client';

/** The Contact Info form's fields (F26), in the order shown; `address.*` are nested on the contact. */
export const CONTACT_FIELDS = [
  { key: 'firstName', label: 'First name', type: 'text', autoComplete: 'given-name' },
  { key: 'lastName', label: 'Last name', type: 'text', autoComplete: 'family-name' },
  { key: 'phone', label: 'Phone', type: 'tel', autoComplete: 'tel' },
  { key: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { key: 'company', label: 'Company', type: 'text', autoComplete: 'organization' },
  { key: 'address.line1', label: 'Address', type: 'text', autoComplete: 'address-line1' },
  { key: 'address.city', label: 'City', type: 'text', autoComplete: 'address-level2' },
  { key: 'address.region', label: 'State / region', type: 'text', autoComplete: 'address-level1' },
  { key: 'address.postalCode', label: 'Postal code', type: 'text', autoComplete: 'postal-code' },
  { key: 'address.country', label: 'Country (2 letters)', type: 'text', autoComplete: 'country' },
  { key: 'timeZone', label: 'Time zone', type: 'text', autoComplete: 'off' },
  { key: 'dateOfBirth', label: 'Date of birth', type: 'date', autoComplete: 'bday' },
  { key: 'source', label: 'Source', type: 'text', autoComplete: 'off' },
] as const;

export type ContactFieldKey = (typeof CONTACT_FIELDS)[number]['key'];
export type ContactFormValues = Record<ContactFieldKey, string>;

export function formValuesOf(contact: ContactView): ContactFormValues {
  const values = {} as ContactFormValues;
  for (const field of CONTACT_FIELDS) {
    const [head, tail] = field.key.split('.') as [keyof ContactView, string | undefined];
    const value = tail ? (contact.address as Record<string, unknown> | null)?.[tail] : contact[head];
    values[field.key] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** Only what the user changed, blanks as null (clearing a field), the address sent whole when any part changed. */
export function changesOf(original: ContactFormValues, edited: ContactFormValues): ContactChanges {
  const changes: Record<string, unknown> = {};
  let addressChanged = false;
  for (const field of CONTACT_FIELDS) {
    if (original[field.key] === edited[field.key]) continue;
    if (field.key.startsWith('address.')) addressChanged = true;
    else changes[field.key] = edited[field.key].trim() === '' ? null : edited[field.key].trim();
  }
  if (addressChanged) {
    const address: Record<string, string | null> = {};
    for (const field of CONTACT_FIELDS)
      if (field.key.startsWith('address.'))
        address[field.key.slice('address.'.length)] = edited[field.key].trim() === '' ? null : edited[field.key].trim();
    changes.address = address;
  }
  return changes as ContactChanges;
}

/** F26 custom fields: the contact's flat map of extra values (text, number, yes/no), edited as rows. */
export type CustomFieldValue = string | number | boolean | null;
export interface CustomFieldRow {
  /** React key: `stored:<key>` for a stored field, `new:<n>` for one being added. */
  id: string;
  key: string;
  /** Text as typed, or the checkbox state of a yes/no field. */
  value: string | boolean;
  kind: 'text' | 'number' | 'boolean';
  added: boolean;
}

/** What the contacts service accepts (contracts `IsCustomFields`): the checks are repeated here to name the row at fault. */
const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const MAX_CUSTOM_FIELDS = 50;
const MAX_CUSTOM_TEXT = 500;

export function customFieldRowsOf(contact: Pick<ContactView, 'customFields'>): CustomFieldRow[] {
  return Object.entries(contact.customFields ?? {}).map(([key, value]) => ({
    id: `stored:${key}`,
    key,
    value: typeof value === 'boolean' ? value : value === null ? '' : String(value),
    kind: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'text',
    added: false,
  }));
}

export function sameCustomFieldRows(a: readonly CustomFieldRow[], b: readonly CustomFieldRow[]): boolean {
  const text = (rows: readonly CustomFieldRow[]) => JSON.stringify(rows.map((row) => [row.key, row.value]));
  return text(a) === text(b);
}

/**
 * The map to send (it replaces the stored one whole) or, per row, what is wrong: errors are keyed
 * `<row id>.key` / `<row id>.value`. A cleared text becomes null; a number field must still hold a number.
 */
export function customFieldsOf(rows: readonly CustomFieldRow[]): {
  fields: Record<string, CustomFieldValue>;
  errors: Record<string, string>;
} {
  const fields: Record<string, CustomFieldValue> = {};
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!CUSTOM_FIELD_KEY.test(key)) errors[`${row.id}.key`] = 'Use 1–40 letters, digits or _, starting with a letter (e.g. loyaltyTier).';
    else if (seen.has(key)) errors[`${row.id}.key`] = `There is already a field named ${key}.`;
    seen.add(key);
    if (typeof row.value === 'boolean') fields[key] = row.value;
    else if (row.kind === 'number') {
      const text = row.value.trim();
      const number = Number(text);
      if (text && !Number.isFinite(number)) errors[`${row.id}.value`] = 'Enter a number, e.g. 42 or 3.5.';
      fields[key] = text ? number : null;
    } else {
      if (row.value.length > MAX_CUSTOM_TEXT) errors[`${row.id}.value`] = `At most ${MAX_CUSTOM_TEXT} characters.`;
      fields[key] = row.value.trim() === '' ? null : row.value.trim();
    }
  }
  if (rows.length > MAX_CUSTOM_FIELDS) errors['customFields'] = `At most ${MAX_CUSTOM_FIELDS} custom fields.`;
  return { fields, errors };
}
