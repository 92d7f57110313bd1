/** Timeline grouping (F14): by calendar day in the user's time zone, labelled Today / Yesterday / the date. */

export interface Dated {
  id: string;
  /** The UTC instant the entry happened (a message's creation, a call's start). */
  at: string;
}

export interface DayGroup<T> {
  /** YYYY-MM-DD in the time zone. */
  day: string;
  label: string;
  items: T[];
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** The day before a YYYY-MM-DD, by the calendar (not "now minus 24 h", which is wrong across DST changes). */
export function previousDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}

export function dayLabel(day: string, now: Date, timeZone: string, locale?: string): string {
  const today = localDay(now, timeZone);
  if (day === today) return 'Today';
  if (day === previousDay(today)) return 'Yesterday';
  const [year, month, date] = day.split('-').map(Number);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: sameYear ? undefined : 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, date, 12)));
}

/** Oldest first, each id once (a page boundary may repeat an item), grouped by local day. */
export function groupByDay<T extends Dated>(items: readonly T[], timeZone: string, now: Date = new Date(), locale?: string): DayGroup<T>[] {
  const unique = new Map<string, T>();
  for (const item of items) if (!unique.has(item.id)) unique.set(item.id, item);
  const sorted = [...unique.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const groups: DayGroup<T>[] = [];
  for (const item of sorted) {
    const day = localDay(new Date(item.at), timeZone);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, label: dayLabel(day, now, timeZone, locale), items: [item] });
  }
  return groups;
}

/** Time of day in the user's time zone, e.g. 14:05. */
export function timeOfDay(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/**
 * When a later change to an entry happened (a message's status trail, F40): the time of day, as the
 * timeline shows it, with the day's label in front when it was another day than the entry's own.
 */
export function timeOfChange(iso: string, entryIso: string, timeZone: string, now: Date = new Date(), locale?: string): string {
  const time = timeOfDay(iso, timeZone, locale);
  const day = localDay(new Date(iso), timeZone);
  return day === localDay(new Date(entryIso), timeZone) ? time : `${dayLabel(day, now, timeZone, locale)} ${time}`;
}
