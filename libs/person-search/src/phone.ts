import { AsYouType, type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

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
 * Phone search (F2, F7, F9) runs on two stored keys, each an anchored prefix match served by an index, whatever the
 * service (contacts, conversations, calls):
 * - the number's digits reversed (`phoneDigitsReversed`), so the last digits typed ("5550123") find it;
 * - its E.164 digits and its national number among the `searchKeys`, so the first digits typed find it, with or
 *   without the country code ("+1415", "1415", "(415) 555-01", "646 927").
 */
export function digitsReversed(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/** The `searchKeys` a phone number adds: its E.164 digits and its national (significant) number. */
export function phonePrefixKeys(e164: string): string[] {
  const national = parsePhoneNumberFromString(e164)?.nationalNumber;
  return [...new Set([e164.replace(/\D/g, ''), ...(national ? [national] : [])])];
}

export interface PhoneQuery {
  /** Prefixes of a `searchKeys` entry: the typed digits read as the start of a number, and as typed. */
  keyPrefixes: string[];
  /** Prefix of `phoneDigitsReversed`: the typed digits as the number's last digits. */
  reversedPrefix: string;
}

/**
 * What a phone-like query matches. The start of a number is read as the user's country would dial it
 * ("415" → +1415, "020 79" in GB → +442079: a national trunk 0 is dropped) and also as typed (a national
 * number of another country). Null when there are too few digits to mean anything.
 */
export function phoneQuery(query: string, defaultCountry: string): PhoneQuery | null {
  const digits = query.replace(/\D/g, '');
  if (digits.length < 3) return null;
  const asDialed = new AsYouType(defaultCountry as CountryCode);
  asDialed.input(query.trim());
  const dialed = asDialed.getNumberValue()?.replace(/\D/g, '');
  return { keyPrefixes: [...new Set([...(dialed ? [dialed] : []), digits])], reversedPrefix: digits.split('').reverse().join('') };
}

/** A query is a phone search when it has no letters and at least three digits. */
export function looksLikePhone(query: string): boolean {
  return !/\p{L}/u.test(query) && (query.match(/\d/g)?.length ?? 0) >= 3;
}
