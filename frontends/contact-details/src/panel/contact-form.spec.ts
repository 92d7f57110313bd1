import type { ContactView } from '@conversations/contracts';
import { changesOf, customFieldRowsOf, customFieldsOf, formValuesOf, sameCustomFieldRows, type CustomFieldRow } from './contact-form';

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
