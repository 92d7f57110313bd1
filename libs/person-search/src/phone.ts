import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A sender or caller id from the carrier in E.164, or null when it is not a phone number (withheld,
 * short codes). Plivo writes numbers without the +; surrounding whitespace is ignored.
 */
export function toE164OrNull(input: string, defaultCountry: string): string | null {
  const trimmed = input.trim();
  const withPlus = /^\d{8,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * Phone search (F2, F7): a number is stored with its digits reversed, so a phone typed in any format is
 * an anchored prefix match on that key — one index, whatever the service (contacts, conversations, calls).
 */
export function digitsReversed(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/**
 * What to match in `phoneDigitsReversed` for a phone-like query: the full number when it parses as a
 * valid number (so a national trunk prefix like the UK's 0 still matches), else the typed digits as a
 * trailing-digits match ("5550100" finds +14155550100). Null when too short to mean anything.
 */
export function phoneQueryPrefix(query: string, defaultCountry: string): string | null {
  const digits = query.replace(/\D/g, '');
  if (digits.length < 3) return null;
  const parsed = parsePhoneNumberFromString(query, defaultCountry as CountryCode);
  if (parsed?.isValid()) return digitsReversed(parsed.number);
  return digits.split('').reverse().join('');
}

/** A query is a phone search when it has no letters and at least three digits. */
export function looksLikePhone(query: string): boolean {
  return !/\p{L}/u.test(query) && (query.match(/\d/g)?.length ?? 0) >= 3;
}
