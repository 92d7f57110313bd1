/**
 * Wall-clock times in a named time zone, with nothing but `Intl.DateTimeFormat` (F38: a message is
 * scheduled in the contact's local time). A wall-clock time is `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`,
 * the values of `<input type="date">` and `<input type="time">`.
 */

export interface WallClock {
  date: string;
  time: string;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's calendar fields of an instant, as numbers. */
function fieldsAt(instant: Date, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return fields as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds (e.g. −4 h for New York in summer). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = fieldsAt(instant, timeZone);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSeconds;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** The date and time (to the minute) an instant shows on the zone's clocks. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const { year, month, day, hour, minute } = fieldsAt(instant, timeZone);
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, time: `${pad(hour)}:${pad(minute)}` };
}

function wallClockAsUtcMs({ date, time }: WallClock): number | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const [year, month, day, hour, minute] = [...dateMatch.slice(1), ...timeMatch.slice(1)].map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  // 2027-02-30 is no date (Date.UTC would roll it over to March).
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return ms;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time names in the zone, or null when it is no real date and time. Across a DST
 * change it resolves as Temporal's "compatible" does: a time the clocks skip (02:30 when they jump from 02:00
 * to 03:00) moves on by the jump (03:30), and a time they show twice (02:30 when they fall back from 03:00 to
 * 02:00) is the first of the two.
 */
export function instantOfWallClock(wallClock: WallClock, timeZone: string): Date | null {
  const wall = wallClockAsUtcMs(wallClock);
  if (wall === null) return null;
  // A zone changes its offset at most once within a day, so the offsets a day either side are the candidates.
  const offsetBefore = zoneOffsetMs(new Date(wall - DAY_MS), timeZone);
  const offsetAfter = zoneOffsetMs(new Date(wall + DAY_MS), timeZone);
  const shows = (candidate: number) => wallClockAsUtcMs(wallClockAt(new Date(candidate), timeZone)) === wall;
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(shows).sort((a, b) => a - b);
  // No candidate: the clocks skipped this time; the offset before the jump carries it past the gap.
  return new Date(candidates[0] ?? wall - offsetBefore);
}

/** The instant as ISO 8601 with the zone's UTC offset at that moment, e.g. 2027-03-15T09:00:00-04:00 (what the API takes). */
export function isoInZone(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMs(instant, timeZone);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The calendar day after a YYYY-MM-DD. */
export function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** Whether a string names a time zone this browser knows. */
export function isKnownTimeZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
