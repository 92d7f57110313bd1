import type { FreeSlotsDay, WorkingHours } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { DateTime } from 'luxon';
import { type Span, workingWindowsOn } from '../calendars/working-hours';

const MINUTE = 60_000;
export const MAX_FREE_SLOT_DAYS = 31;

export interface FreeSlotsInput {
  hours: WorkingHours;
  zone: string;
  /** Local dates YYYY-MM-DD, both inclusive. */
  from: DateTime;
  to: DateTime;
  durationMinutes: number;
  slotIntervalMinutes: number;
  bufferMinutes: number;
  /** Active appointments, each extended by the buffer it keeps after it. */
  busy: Span[];
  now: Date;
}

/** Parses the requested local-date range in the calendar's zone, or answers which field is wrong. */
export function localDateRange(from: string, to: string, zone: string): { from: DateTime; to: DateTime } {
  const start = DateTime.fromISO(from, { zone });
  const end = DateTime.fromISO(to, { zone });
  if (!start.isValid) throw DomainError.validation({ from: ['from must be a real date written YYYY-MM-DD'] });
  if (!end.isValid) throw DomainError.validation({ to: ['to must be a real date written YYYY-MM-DD'] });
  if (end < start) throw DomainError.validation({ to: ['to must not be before from'] });
  if (end.diff(start, 'days').days >= MAX_FREE_SLOT_DAYS)
    throw DomainError.validation({ to: [`to must be within ${MAX_FREE_SLOT_DAYS} days of from`] });
  return { from: start, to: end };
}

/** The absolute span the busy appointments must be read for. */
export function searchSpan(input: Pick<FreeSlotsInput, 'from' | 'to'>): Span {
  // Widened by a day on both sides: an appointment's buffer may reach into the first day.
  return { start: input.from.minus({ days: 1 }).toJSDate(), end: input.to.plus({ days: 2 }).toJSDate() };
}

/**
 * Start times every `slotIntervalMinutes` from the start of each working window, kept when the slot
 * plus the calendar's buffer touches no busy span and it has not started yet — the same rule a booking
 * is checked against, so a listed slot is bookable.
 */
export function freeSlots(input: FreeSlotsInput): FreeSlotsDay[] {
  const days: FreeSlotsDay[] = [];
  const duration = input.durationMinutes * MINUTE;
  const claim = duration + input.bufferMinutes * MINUTE;
  for (let date = input.from; date <= input.to; date = date.plus({ days: 1 })) {
    const slots = [];
    for (const window of workingWindowsOn(input.hours, input.zone, date)) {
      for (let start = window.start.getTime(); start + duration <= window.end.getTime(); start += input.slotIntervalMinutes * MINUTE) {
        if (start < input.now.getTime()) continue;
        if (input.busy.some((busy) => start < busy.end.getTime() && busy.start.getTime() < start + claim)) continue;
        slots.push({
          start: new Date(start).toISOString(),
          end: new Date(start + duration).toISOString(),
          localStart: DateTime.fromMillis(start, { zone: input.zone }).toFormat('HH:mm'),
        });
      }
    }
    days.push({ date: date.toISODate() as string, slots });
  }
  return days;
}
