import { ErrorCodes, type FieldErrors, type SlotUnavailableDetails } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { DateTime } from 'luxon';
import type { CalendarDocument } from '../calendars/calendar.schema';
import { fitsWorkingHours, type Span } from '../calendars/working-hours';
import { SLOT_MINUTES } from '../slot-claims/slot-claims.service';

const MINUTE = 60_000;
const MAX_DURATION_MINUTES = 480;

/** The time a booking asks for: a start, and an end or a duration (else the calendar's default). */
export interface RequestedTime {
  start: string;
  end?: string | null;
  durationMinutes?: number | null;
}

/** Validates the requested time (grid, order, length, future), answering every wrong field at once. */
export function requestedSpan(
  calendar: Pick<CalendarDocument, 'defaultDurationMinutes'>,
  time: RequestedTime,
  now = new Date(),
): Span & { durationMinutes: number } {
  const fields: FieldErrors = {};
  const add = (field: string, message: string) => (fields[field] ??= []).push(message);
  const start = new Date(time.start);
  if (start.getTime() % (SLOT_MINUTES * MINUTE) !== 0)
    add('start', `start must be on a ${SLOT_MINUTES}-minute boundary with no seconds, e.g. 09:00 or 09:05`);
  if (start.getTime() <= now.getTime()) add('start', 'start must be in the future');
  let durationMinutes = time.durationMinutes ?? calendar.defaultDurationMinutes;
  if (time.end != null && time.durationMinutes != null) add('end', 'give either end or durationMinutes, not both');
  if (time.end != null) {
    const end = new Date(time.end);
    durationMinutes = (end.getTime() - start.getTime()) / MINUTE;
    if (end <= start) add('end', 'end must be after start');
    else if (durationMinutes > MAX_DURATION_MINUTES) add('end', `an appointment can last at most ${MAX_DURATION_MINUTES} minutes`);
    else if (durationMinutes % SLOT_MINUTES !== 0) add('end', `end must be a whole number of ${SLOT_MINUTES}-minute steps after start`);
  }
  if (Object.keys(fields).length) throw DomainError.validation(fields);
  return { start, end: new Date(start.getTime() + durationMinutes * MINUTE), durationMinutes };
}

/** The span an appointment's slot claims cover: the appointment and the buffer kept after it. */
export function claimedSpan(span: Span, bufferMinutes: number): Span {
  return { start: span.start, end: new Date(span.end.getTime() + bufferMinutes * MINUTE) };
}

export function requireWorkingHours(calendar: CalendarDocument, span: Span): void {
  const { fits, localDay } = fitsWorkingHours(calendar.workingHours, calendar.timeZone, span);
  if (fits) return;
  const local = DateTime.fromJSDate(span.start, { zone: calendar.timeZone });
  const hours = localDay.length ? localDay.map((interval) => `${interval.start}–${interval.end}`).join(', ') : 'closed';
  const details: SlotUnavailableDetails = { reason: 'outside-working-hours', requested: isoSpan(span), workingHours: localDay };
  throw new DomainError(
    ErrorCodes.SLOT_UNAVAILABLE,
    `That time is outside the calendar's working hours (${local.toFormat('cccc')}: ${hours}, ${calendar.timeZone})`,
    { details: details as unknown as Record<string, unknown> },
  );
}

export function slotUnavailable(
  calendar: CalendarDocument,
  requested: Span,
  conflict: { appointmentId: string; start: Date; end: Date; bufferMinutes: number },
): DomainError {
  const local = (date: Date) => DateTime.fromJSDate(date, { zone: calendar.timeZone });
  const buffer = conflict.bufferMinutes ? `, plus a ${conflict.bufferMinutes}-minute buffer after it` : '';
  const details: SlotUnavailableDetails = {
    reason: 'overlaps',
    requested: isoSpan(requested),
    conflict: {
      appointmentId: conflict.appointmentId,
      start: conflict.start.toISOString(),
      end: conflict.end.toISOString(),
      bufferMinutes: conflict.bufferMinutes,
    },
  };
  return new DomainError(
    ErrorCodes.SLOT_UNAVAILABLE,
    `That time overlaps another appointment on this calendar (${local(conflict.start).toFormat('ccc d LLL HH:mm')}–${local(conflict.end).toFormat('HH:mm')} ${calendar.timeZone}${buffer})`,
    { details: details as unknown as Record<string, unknown> },
  );
}

function isoSpan(span: Span): { start: string; end: string } {
  return { start: span.start.toISOString(), end: span.end.toISOString() };
}
