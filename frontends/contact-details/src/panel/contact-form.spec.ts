import type { ContactView } from '@conversations/contracts';
import {
  changesOf,
  contactInfoDraftOf,
  customFieldRowsOf,
  fieldsToFixMessage,
  customFieldsOf,
  draftOfForm,
  formStateOf,
  formValuesOf,
  isDirty,
  lastAddedRowNumber,
  sameCustomFieldRows,
  type CustomFieldRow,
} from './contact-form';

const contact = {
  id: 'c1',
  firstName: 'Ana',
  lastName: 'Ruiz',
  phone: '+14155550100',
  email: null,
  company: null,
  address: { line1: '1 Main St', city: 'Springfield', region: null, postalCode: null, country: 'US' },
  timeZone: null,
  dateOfBirth: null,
  source: null,
} as unknown as ContactView;

describe('F26: Contact Info form', () => {
  it('shows stored values, blanks for empty ones, nested address parts', () => {
    const values = formValuesOf(contact);
    expect(values.firstName).toBe('Ana');
    expect(values.email).toBe('');
    expect(values['address.city']).toBe('Springfield');
  });

  it('sends only changed fields, a cleared field as null', () => {
    const original = formValuesOf(contact);
    expect(changesOf(original, { ...original, firstName: ' Anna ', lastName: '' })).toEqual({ firstName: 'Anna', lastName: null });
    expect(changesOf(original, original)).toEqual({});
  });

  it('sends the whole address when one part changed', () => {
    const original = formValuesOf(contact);
    expect(changesOf(original, { ...original, 'address.city': 'Shelbyville' })).toEqual({
      address: { line1: '1 Main St', city: 'Shelbyville', region: null, postalCode: null, country: 'US' },
    });
  });
});

describe('F26: custom fields', () => {
  const stored = { customFields: { loyaltyTier: 'gold', visits: 3, vip: true, referrer: null } } as unknown as ContactView;

  it('shows each stored field with its kind, and sends the whole map back with types kept', () => {
    const rows = customFieldRowsOf(stored);
    expect(rows.map((row) => [row.key, row.value, row.kind])).toEqual([
      ['loyaltyTier', 'gold', 'text'],
      ['visits', '3', 'number'],
      ['vip', true, 'boolean'],
      ['referrer', '', 'text'],
    ]);
    const edited = rows.map((row) => (row.key === 'visits' ? { ...row, value: '4' } : row.key === 'vip' ? { ...row, value: false } : row));
    expect(customFieldsOf(edited)).toEqual({ fields: { loyaltyTier: 'gold', visits: 4, vip: false, referrer: null }, errors: {} });
    expect(sameCustomFieldRows(rows, customFieldRowsOf(stored))).toBe(true);
    expect(sameCustomFieldRows(rows, edited)).toBe(false);
  });

  it('names the row at fault: a bad or repeated name, a number field holding text', () => {
    const rows = [
      ...customFieldRowsOf(stored),
      { id: 'new:1', key: '2fast', value: 'x', kind: 'text', added: true },
      { id: 'new:2', key: 'vip', value: 'again', kind: 'text', added: true },
    ] as CustomFieldRow[];
    rows[1] = { ...rows[1], value: 'three' };
    expect(customFieldsOf(rows).errors).toEqual({
      'stored:visits.value': 'Enter a number, e.g. 42 or 3.5.',
      'new:1.key': expect.stringMatching(/starting with a letter/),
      'new:2.key': 'There is already a field named vip.',
    });
  });
});

describe('F37: Contact Info edits kept as a draft', () => {
  const withFields = { ...contact, customFields: { loyaltyTier: 'gold' } } as ContactView;

  it('keeps only what the user changed, and the rows when they changed any', () => {
    const form = formStateOf(withFields);
    expect(draftOfForm(form)).toBeNull();
    const edited = { ...form, values: { ...form.values, firstName: 'Anna' } };
    expect(draftOfForm(edited)).toEqual({ edits: { firstName: 'Anna' }, rows: null });
    const added: CustomFieldRow = { id: 'new:1', key: 'referrer', value: 'Ben', kind: 'text', added: true };
    expect(draftOfForm({ ...form, rows: [...form.rows, added] })).toEqual({ edits: {}, rows: [...form.rows, added] });
  });

  it('lays the kept edits over the contact as stored now: an untouched field shows its current value', () => {
    const draft = { edits: { firstName: 'Anna' }, rows: null };
    const form = formStateOf({ ...withFields, lastName: 'Soto' } as ContactView, draft);
    expect(form.values.firstName).toBe('Anna');
    expect(form.values.lastName).toBe('Soto');
    expect(form.original.firstName).toBe('Ana');
    expect(isDirty(form)).toBe(true);
    // Saved elsewhere with the same value meanwhile: nothing is left unsaved.
    expect(isDirty(formStateOf({ ...withFields, firstName: 'Anna' } as ContactView, draft))).toBe(false);
  });

  it('refuses a stored record that is not a Contact Info draft', () => {
    const row = { id: 'new:2', key: 'referrer', value: 'Ben', kind: 'text', added: true };
    expect(contactInfoDraftOf({ edits: { firstName: 'Anna' }, rows: [row] })).toEqual({ edits: { firstName: 'Anna' }, rows: [row] });
    expect(contactInfoDraftOf({ edits: { password: 'x' }, rows: null })).toBeNull();
    expect(contactInfoDraftOf({ edits: { firstName: 3 }, rows: null })).toBeNull();
    expect(contactInfoDraftOf({ edits: {}, rows: [{ ...row, kind: 'date' }] })).toBeNull();
    expect(contactInfoDraftOf('Anna')).toBeNull();
  });

  it('a row added after a restore never reuses a restored row’s id', () => {
    expect(lastAddedRowNumber(customFieldRowsOf(withFields))).toBe(0);
    expect(lastAddedRowNumber([{ id: 'new:3', key: 'a', value: '', kind: 'text', added: true }])).toBe(3);
  });
});

describe('fieldsToFixMessage (#14 §7: name the fields)', () => {
  it('names the fields to fix by their labels', () => {
    expect(fieldsToFixMessage({ email: ['bad'] }, 'Some fields are invalid')).toBe('Check Email: see the message next to it.');
    expect(fieldsToFixMessage({ email: ['bad'], phone: ['bad'], 'address.city': ['bad'] }, 'x')).toBe(
      'Check Email, Phone and City: see the message next to each.',
    );
    expect(fieldsToFixMessage({ 'customFields.0.key': ['bad'], 'customFields.1.key': ['bad'] }, 'x')).toBe(
      'Check Custom fields: see the message next to it.',
    );
    expect(fieldsToFixMessage({}, 'Some fields are invalid')).toBe('Some fields are invalid');
  });
});
