import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** An inbound sender in E.164, or null when the carrier sent something that is not a phone number (short codes). */
export function toE164OrNull(input: string, defaultCountry: string): string | null {
  const withPlus = /^\d{8,15}$/.test(input) ? `+${input}` : input;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}
