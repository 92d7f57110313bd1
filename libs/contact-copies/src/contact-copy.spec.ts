import { contactCopyOf } from './contact-copy';

describe('a contact copy (F7, F9)', () => {
  it('carries the name and phone with their search keys: name words, then the E.164 and national digits', () => {
    expect(contactCopyOf({ fullName: 'José Núñez', phone: '+14155550123' })).toEqual({
      contact: { fullName: 'José Núñez', phone: '+14155550123' },
      searchKeys: ['jose', 'nunez', '14155550123', '4155550123'],
      phoneDigitsReversed: '32105555141',
    });
  });

  it('shows a contact without a name as its phone, with only phone keys', () => {
    expect(contactCopyOf({ fullName: '', phone: '+14155550123' })).toEqual({
      contact: { fullName: '+14155550123', phone: '+14155550123' },
      searchKeys: ['14155550123', '4155550123'],
      phoneDigitsReversed: '32105555141',
    });
  });

  it('has no phone key for a contact without a phone', () => {
    expect(contactCopyOf({ fullName: 'Ana', phone: null })).toMatchObject({
      contact: { fullName: 'Ana', phone: null },
      phoneDigitsReversed: null,
    });
  });
});
