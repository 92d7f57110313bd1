import { DomainError } from '@conversations/service-kit';
import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Normalises a phone number written any way to E.164, or fails with a field message. */
export function toE164(input: string, defaultCountry: string, field = 'phone'): string {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) {
    throw DomainError.validation({
      [field]: [`${field} is not a valid phone number; numbers outside ${defaultCountry} need their country code, e.g. +44 20 7946 0958`],
    });
  }
  return parsed.number;
}

export function digitsReversed(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/**
 * What to match in `phoneDigitsReversed` for a phone-like query: the full number when it parses as a
 * valid number (so a national trunk prefix like the UK's 0 still matches), else the typed digits as a
 * trailing-digits match ("5550100" finds +14155550100).
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
