import type { ContactView } from '@conversations/contracts';
import { changesOf, formValuesOf } from './contact-form';

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
