import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An IANA time zone this runtime knows (e.g. `America/New_York`). */
export function IsIanaTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as America/New_York`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIanaTimeZone(value),
      },
    });
}

export function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const MAX_CUSTOM_FIELDS = 50;

/** A flat map of custom fields: up to 50 keys, values string (≤ 500), number, boolean or null. */
export function IsCustomFields(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCustomFields',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an object of up to ${MAX_CUSTOM_FIELDS} keys (letters, digits, _) whose values are text (≤ 500 characters), numbers, booleans or null`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          if (entries.length > MAX_CUSTOM_FIELDS) return false;
          return entries.every(
            ([key, v]) =>
              CUSTOM_FIELD_KEY.test(key) &&
              (v === null ||
                typeof v === 'boolean' ||
                (typeof v === 'number' && Number.isFinite(v)) ||
                (typeof v === 'string' && v.length <= 500)),
          );
        },
      },
    });
}

/** A calendar date `YYYY-MM-DD` that exists and is not in the future. */
export function IsPastCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPastCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a past date written YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return (
            !Number.isNaN(date.getTime()) &&
            date.toISOString().startsWith(value) &&
            date.getTime() <= Date.now() &&
            date.getUTCFullYear() >= 1900
          );
        },
      },
    });
}
