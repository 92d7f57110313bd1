import { digitsReversed, looksLikePhone, phoneQueryPrefix, toE164OrNull } from './phone';

describe('phone numbers (F2)', () => {
  it('builds a prefix that every way of writing the number matches', () => {
    const stored = digitsReversed('+14155550123');
    for (const query of ['+14155550123', '(415) 555-0123', '415-555-0123', '4155550123', '5550123', '0123']) {
      expect(stored.startsWith(phoneQueryPrefix(query, 'US') as string)).toBe(true);
    }
  });

  it('matches a UK number typed with its national trunk 0', () => {
    expect(digitsReversed('+442079460958').startsWith(phoneQueryPrefix('020 7946 0958', 'GB') as string)).toBe(true);
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
