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
      if (field.key.startsWith('address.')) address[field.key.slice('address.'.length)] = edited[field.key].trim() === '' ? null : edited[field.key].trim();
    changes.address = address;
  }
  return changes as ContactChanges;
}
