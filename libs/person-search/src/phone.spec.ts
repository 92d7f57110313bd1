import { digitsReversed, looksLikePhone, phonePrefixKeys, phoneQuery, toE164OrNull } from './phone';

/** The store filter's semantics (see personSearchFilter): a key prefix, or a prefix of the reversed digits. */
function finds(storedE164: string, query: string, country = 'US'): boolean {
  const match = phoneQuery(query, country);
  if (!match) return false;
  const keys = phonePrefixKeys(storedE164);
  return (
    match.keyPrefixes.some((prefix) => keys.some((key) => key.startsWith(prefix))) ||
    digitsReversed(storedE164).startsWith(match.reversedPrefix)
  );
}

describe('phone search (F2, F7, F9)', () => {
  it.each(['+14155550123', '(415) 555-0123', '415-555-0123', '4155550123', '14155550123', '5550123', '0123'])(
    'finds +14155550123 by the whole number or its last digits: %j',
    (query) => expect(finds('+14155550123', query)).toBe(true),
  );

  it.each(['+1415', '1415', '+1 (415', '(415) 555-01', '415', '415 55'])('finds +14155550123 by the start of the number: %j', (query) =>
    expect(finds('+14155550123', query)).toBe(true),
  );

  it('finds a number of another country by its national number, and by a national trunk 0 in that country', () => {
    expect(finds('+442079460958', '020 7946 0958', 'GB')).toBe(true);
    expect(finds('+442079460958', '020 79', 'GB')).toBe(true);
    expect(finds('+442079460958', '+44 20 79')).toBe(true);
    expect(finds('+442079460958', '2079')).toBe(true);
  });

  it.each(['416', '+1416', '(415) 556', '5550124', '12'])('does not find +14155550123 by %j', (query) =>
    expect(finds('+14155550123', query)).toBe(false),
  );

  it('stores the E.164 digits and the national number as prefix keys', () => {
    expect(phonePrefixKeys('+14155550123')).toEqual(['14155550123', '4155550123']);
  });

  it('tells phone queries from name queries', () => {
    expect(looksLikePhone('(415) 555')).toBe(true);
    expect(looksLikePhone('Ana 555')).toBe(false);
    expect(looksLikePhone('12')).toBe(false);
  });
});

describe('carrier sender ids (F6, F32)', () => {
  it.each([
    ['14155550123', '+14155550123'],
    [' 14155550123 ', '+14155550123'],
    ['+14155550123', '+14155550123'],
    ['(415) 555-0123', '+14155550123'],
  ])('reads %j as %s', (input, e164) => {
    expect(toE164OrNull(input, 'US')).toBe(e164);
  });

  it.each(['', 'anonymous', '12345', '  '])('answers null for %j, which is not a phone number', (input) => {
    expect(toE164OrNull(input, 'US')).toBeNull();
  });
});
