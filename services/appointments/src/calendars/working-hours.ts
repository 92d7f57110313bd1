import { WEEKDAYS, type WorkingHours, type WorkingHoursDto, type WorkingInterval } from '@conversations/contracts';
import { DateTime } from 'luxon';

/** Monday to Friday, 09:00–17:00 local. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.fromEntries(
  WEEKDAYS.map((day, index) => [day, index < 5 ? [{ start: '09:00', end: '17:00' }] : []]),
) as WorkingHours;

/** Every weekday present (a missing one is a day off), each day's intervals in order. */
export function normaliseWorkingHours(input: WorkingHoursDto): WorkingHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      [...(input[day] ?? [])].map(({ start, end }) => ({ start, end })).sort((a, b) => a.start.localeCompare(b.start)),
    ]),
  ) as WorkingHours;
}

/** A span of absolute time. */
export interface Span {
  start: Date;
  end: Date;
}

/**
 * The working windows of one local date as absolute instants. Wall-clock times are resolved in the
 * calendar's zone on that very date, so 09:00–17:00 stays 09:00–17:00 local on both sides of a DST
 * change (and a window on the change day is shorter or longer in absolute time, as it really is).
 * A wall-clock time that does not exist (inside a spring-forward gap) moves forward by the gap.
 */
export function workingWindowsOn(hours: WorkingHours, zone: string, date: DateTime): Span[] {
  const local = date.setZone(zone);
  return intervalsOn(hours, local).map((interval) => ({
    start: atLocalTime(local, interval.start, zone),
    end: atLocalTime(local, interval.end, zone),
  }));
}

export function intervalsOn(hours: WorkingHours, localDate: DateTime): WorkingInterval[] {
  return hours[WEEKDAYS[localDate.weekday - 1]] ?? [];
}

const HOUR_MS = 3_600_000;

/**
 * The instant a wall-clock time happens on a local date. Like Temporal's "compatible" rule: a time the
 * fall-back hour repeats is its first occurrence (the office opens at the first 01:00), and a time in a
 * spring-forward gap moves forward by the gap.
 */
function atLocalTime(date: DateTime, time: string, zone: string): Date {
  const day = time === '24:00' ? date.plus({ days: 1 }) : date;
  const [hour, minute] = time === '24:00' ? [0, 0] : time.split(':').map(Number);
  const wall = { year: day.year, month: day.month, day: day.day, hour, minute };
  const resolved = DateTime.fromObject(wall, { zone });
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, hour, minute);
  const offsets = new Set([
    resolved.minus({ milliseconds: 6 * HOUR_MS }).offset,
    resolved.plus({ milliseconds: 6 * HOUR_MS }).offset,
    resolved.offset,
  ]);
  const occurrences = [...offsets]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => {
      const local = DateTime.fromMillis(instant, { zone });
      return local.hour === hour && local.minute === minute && local.day === wall.day;
    });
  return new Date(occurrences.length ? Math.min(...occurrences) : resolved.toMillis());
}

/** Whether [start, end) lies inside one working window of the local date it starts on. */
export function fitsWorkingHours(hours: WorkingHours, zone: string, span: Span): { fits: boolean; localDay: WorkingInterval[] } {
  const localStart = DateTime.fromJSDate(span.start, { zone });
  const fits = workingWindowsOn(hours, zone, localStart).some((window) => window.start <= span.start && span.end <= window.end);
  return { fits, localDay: intervalsOn(hours, localStart) };
}
