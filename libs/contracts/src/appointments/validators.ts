import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Minutes on the 5-minute grid appointments are booked on. */
export function IsFiveMinuteMultiple(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFiveMinuteMultiple',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a multiple of 5 minutes`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value % 5 === 0 },
    });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time WITH an offset (`Z` or `±hh:mm`): a local time alone is ambiguous across zones and DST. */
export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an ISO 8601 date-time with an offset, e.g. 2026-03-09T14:00:00Z or 2026-03-09T10:00:00-04:00`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) },
    });
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Each day's intervals end after they start and do not overlap. Runs after the nested shape checks;
 * malformed intervals are left to those messages.
 */
export function IsWorkingHours(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWorkingHours',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName}: every interval must end after it starts, and a day's intervals must not overlap`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null) return true;
          for (const intervals of Object.values(value)) {
            if (!Array.isArray(intervals)) continue;
            const wellFormed = intervals.filter(
              (interval) =>
                typeof interval?.start === 'string' &&
                typeof interval?.end === 'string' &&
                /^\d\d:\d\d$/.test(interval.start) &&
                /^\d\d:\d\d$/.test(interval.end),
            );
            const sorted = wellFormed.map((interval) => [minutesOf(interval.start), minutesOf(interval.end)]).sort((a, b) => a[0] - b[0]);
            for (let index = 0; index < sorted.length; index++) {
              if (sorted[index][1] <= sorted[index][0]) return false;
              if (index > 0 && sorted[index][0] < sorted[index - 1][1]) return false;
            }
          }
          return true;
        },
      },
    });
}
