import { digitsReversed, looksLikePhone, phoneQueryPrefix } from '@conversations/service-kit';
import { toE164 } from './phone';

describe('phone numbers (F2)', () => {
  it.each(['+14155550123', '(415) 555-0123', '415-555-0123', '415.555.0123', '1 415 555 0123', '4155550123'])(
    'normalises %s to E.164',
    (input) => {
      expect(toE164(input, 'US')).toBe('+14155550123');
    },
  );

  it('rejects a number that cannot exist, naming the field', () => {
    expect(() => toE164('123', 'US')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        extra: { fields: { phone: [expect.stringContaining('not a valid phone number')] } },
      }),
    );
  });

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
