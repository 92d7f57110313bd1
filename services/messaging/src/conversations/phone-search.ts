import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Digits of an E.164 number, last first: a phone typed in any format matches as a prefix (F7 = F2's rules). */
export function digitsReversed(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/** What to match in `phoneDigitsReversed` for a phone-like query; null when too short to mean anything. */
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

/** An inbound sender in E.164, or null when the carrier sent something that is not a phone number (short codes). */
export function toE164OrNull(input: string, defaultCountry: string): string | null {
  const withPlus = /^\d{8,15}$/.test(input) ? `+${input}` : input;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}
