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
});
