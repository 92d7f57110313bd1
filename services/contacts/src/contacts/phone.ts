import { DomainError } from '@conversations/service-kit';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

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
