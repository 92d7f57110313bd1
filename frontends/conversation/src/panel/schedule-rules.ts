import type { ScheduleCancelReason } from '@conversations/contracts';
import { isKnownTimeZone, nextDay, wallClockAt, type WallClock } from './zoned-time';

/** Whose time a schedule is chosen in (F38): the contact's zone (null when they have none) and the user's. */
export interface ScheduleContext {
  contactName: string;
  contactTimeZone: string | null;
  userTimeZone: string;
}

/** F38: the soonest the composer lets a message be scheduled (the server's own minimum is shorter, 30 s). */
export const MIN_SCHEDULE_LEAD_MS = 60_000;

/** A year ahead: the same day and time next year, as the server counts it. */
export function latestScheduleFrom(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}

/** Why a chosen time cannot be used (F38), in words; null when it can. */
export function scheduleTimeProblem(instant: Date | null, now: Date): string | null {
  if (!instant) return 'Choose a date and a time.';
  if (instant.getTime() <= now.getTime()) return 'That time has already passed. Choose a time in the future.';
  if (instant.getTime() - now.getTime() < MIN_SCHEDULE_LEAD_MS) return 'Choose a time at least a minute from now.';
  if (instant > latestScheduleFrom(now)) return 'Choose a time within a year from now.';
  return null;
}

/** Quick pick "In 1 hour": an hour from now, up to the next whole minute (the time field shows minutes). */
export function inOneHour(now: Date, timeZone: string): WallClock {
  return wallClockAt(new Date(Math.ceil((now.getTime() + 3_600_000) / 60_000) * 60_000), timeZone);
}

/** Quick pick "Tomorrow 9:00 AM": 09:00 on the zone's next calendar day (23 or 25 h away across a DST change). */
export function tomorrowAtNine(now: Date, timeZone: string): WallClock {
  return { date: nextDay(wallClockAt(now, timeZone).date), time: '09:00' };
}

const timeFormat = (timeZone: string, locale?: string) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
const dayFormat = (timeZone: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone });

/** "9:00 AM" in the zone. */
export function clockTime(instant: Date, timeZone: string, locale?: string): string {
  return timeFormat(timeZone, locale).format(instant);
}

/**
 * Where the chosen moment falls for the contact and for the user: "9:00 AM for Ana María (Europe/Madrid) ·
 * 12:00 AM your time". The user's side names its day when it is another day than the contact's. Without a
 * contact time zone the user's own is used, and the line says so.
 */
export function scheduleSummary(instant: Date, { contactName, contactTimeZone, userTimeZone }: ScheduleContext, locale?: string): string {
  if (!contactTimeZone)
    return `${clockTime(instant, userTimeZone, locale)} your time (${userTimeZone}) · ${contactName} has no time zone set`;
  const contactSide = `${clockTime(instant, contactTimeZone, locale)} for ${contactName} (${contactTimeZone})`;
  if (contactTimeZone === userTimeZone) return `${contactSide} · the same time for you`;
  const sameDay = wallClockAt(instant, contactTimeZone).date === wallClockAt(instant, userTimeZone).date;
  const userDay = sameDay ? '' : ` ${dayFormat(userTimeZone, locale).format(instant)}`;
  return `${contactSide} · ${clockTime(instant, userTimeZone, locale)}${userDay} your time`;
}

/** "Tue 9:00 AM" within the coming week, "Tue, Mar 16 9:00 AM" beyond it. */
export function dayAndTime(instant: Date, timeZone: string, now: Date = new Date(), locale?: string): string {
  const withinWeek = instant.getTime() - now.getTime() < 6 * 86_400_000;
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: withinWeek ? undefined : 'short',
    day: withinWeek ? undefined : 'numeric',
    timeZone,
  }).format(instant);
  return `${day} ${clockTime(instant, timeZone, locale)}`;
}

/**
 * The timeline's line for a scheduled message: "Scheduled for Tue 9:00 AM (contact time)", and the user's
 * time beside it when their zone is another ("· Tue 12:00 AM your time").
 */
export function scheduledForLabel(instant: Date, context: ScheduleContext, now: Date = new Date(), locale?: string): string {
  const { contactTimeZone, userTimeZone } = context;
  if (!contactTimeZone) return `Scheduled for ${dayAndTime(instant, userTimeZone, now, locale)} (your time)`;
  const contactSide = `Scheduled for ${dayAndTime(instant, contactTimeZone, now, locale)} (contact time)`;
  return contactTimeZone === userTimeZone ? contactSide : `${contactSide} · ${dayAndTime(instant, userTimeZone, now, locale)} your time`;
}

/** F38: why a scheduled message did not go, as "Canceled — …" ends. */
export const CANCEL_REASON_TEXT: Record<ScheduleCancelReason, string> = {
  user: 'canceled by a user before it was sent',
  contact_replied: 'they replied first',
  dnd: 'Do Not Contact is set for text messages',
  opted_out: 'they opted out of text messages (STOP)',
  contact_deleted: 'the contact was deleted',
  from_number_unavailable: 'its From number can no longer send',
  quiet_hours: 'it fell in quiet hours',
};

export function canceledLabel(reason: ScheduleCancelReason | null | undefined): string {
  return reason ? `Canceled — ${CANCEL_REASON_TEXT[reason]}` : 'Canceled';
}

/** The contact's time zone when this browser knows it; else null (the user's is used). */
export function contactTimeZoneOf(timeZone: string | null | undefined): string | null {
  return isKnownTimeZone(timeZone) ? timeZone : null;
}
