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

/** A refused save in words that name the fields to fix, by their labels ("Check Email and Phone."). */
export function fieldsToFixMessage(fields: Record<string, unknown>, fallback: string): string {
  const labels = [
    ...new Set(
      Object.keys(fields).map(
        (key) => CONTACT_FIELDS.find((field) => field.key === key)?.label ?? (key.startsWith('customFields') ? 'Custom fields' : key),
      ),
    ),
  ];
  if (!labels.length) return fallback;
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return `Check ${list}: see the message next to ${labels.length === 1 ? 'it' : 'each'}.`;
}
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

/** The form as edited, beside the stored values it started from (what Save sends is the difference). */
export interface FormState {
  original: ContactFormValues;
  values: ContactFormValues;
  originalRows: CustomFieldRow[];
  rows: CustomFieldRow[];
}

/**
 * Edits not saved yet, kept in the browser across a contact switch or a reload (F37): the fields the user
 * changed, and the custom-field rows if they changed any (the rows are saved as one map).
 */
export interface ContactInfoDraft {
  edits: Partial<ContactFormValues>;
  rows: CustomFieldRow[] | null;
}

export function isDirty(form: FormState): boolean {
  return changedFieldsOf(form) !== null || !sameCustomFieldRows(form.rows, form.originalRows);
}

function changedFieldsOf(form: FormState): Partial<ContactFormValues> | null {
  const edits: Partial<ContactFormValues> = {};
  for (const field of CONTACT_FIELDS) if (form.values[field.key] !== form.original[field.key]) edits[field.key] = form.values[field.key];
  return Object.keys(edits).length ? edits : null;
}

/** The draft to keep for the form, or null when nothing differs from the stored contact. */
export function draftOfForm(form: FormState): ContactInfoDraft | null {
  if (!isDirty(form)) return null;
  return { edits: changedFieldsOf(form) ?? {}, rows: sameCustomFieldRows(form.rows, form.originalRows) ? null : form.rows };
}

/**
 * The form for the stored contact, with a kept draft's edits over it: a field the user did not touch shows
 * its current stored value, even if it changed since the draft was made.
 */
export function formStateOf(contact: ContactView, draft: ContactInfoDraft | null = null): FormState {
  const values = formValuesOf(contact);
  const rows = customFieldRowsOf(contact);
  return { original: values, values: { ...values, ...draft?.edits }, originalRows: rows, rows: draft?.rows ?? rows };
}

/** A stored record as a Contact Info draft, or null when it is not one (another shape, or damaged). */
export function contactInfoDraftOf(value: unknown): ContactInfoDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const { edits, rows } = value as Record<string, unknown>;
  if (typeof edits !== 'object' || edits === null) return null;
  const keys = new Set<string>(CONTACT_FIELDS.map((field) => field.key));
  if (!Object.entries(edits).every(([key, text]) => keys.has(key) && typeof text === 'string')) return null;
  if (rows !== null && !(Array.isArray(rows) && rows.every(isCustomFieldRow))) return null;
  return { edits: edits as Partial<ContactFormValues>, rows: rows as CustomFieldRow[] | null };
}

function isCustomFieldRow(value: unknown): value is CustomFieldRow {
  const row = value as Partial<CustomFieldRow> | null;
  return (
    typeof row?.id === 'string' &&
    typeof row.key === 'string' &&
    (typeof row.value === 'string' || typeof row.value === 'boolean') &&
    (row.kind === 'text' || row.kind === 'number' || row.kind === 'boolean') &&
    typeof row.added === 'boolean'
  );
}

/** The number after `new:` of the last row being added, so a row added next never reuses a restored row's id. */
export function lastAddedRowNumber(rows: readonly CustomFieldRow[]): number {
  return Math.max(0, ...rows.map((row) => Number(/^new:(\d+)$/.exec(row.id)?.[1] ?? 0)));
}
