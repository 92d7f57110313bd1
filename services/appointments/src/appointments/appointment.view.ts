import type { AppointmentView } from '@conversations/contracts';
import type { CalendarDocument } from '../calendars/calendar.schema';
import type { AppointmentDocument } from './appointment.schema';

export function appointmentViewOf(
  appointment: AppointmentDocument,
  calendar: Pick<CalendarDocument, 'name' | 'timeZone'> | undefined,
): AppointmentView {
  return {
    id: String(appointment._id),
    contactId: String(appointment.contactId),
    calendarId: String(appointment.calendarId),
    calendarName: calendar?.name ?? '',
    timeZone: calendar?.timeZone ?? 'UTC',
    title: appointment.title,
    start: appointment.start.toISOString(),
    end: appointment.end.toISOString(),
    durationMinutes: appointment.durationMinutes,
    status: appointment.status,
    meetingUrl: appointment.meetingUrl,
    notes: appointment.notes,
    assignedUserId: appointment.assignedUserId,
    createdBy: appointment.createdBy,
    cancellationReason: appointment.cancellationReason,
    createdAt: appointment.createdAt.toISOString(),
    updatedAt: appointment.updatedAt.toISOString(),
  };
}

/** Only the named fields of a view, for an event's before/after. */
export function pick<K extends keyof AppointmentView>(view: AppointmentView, keys: K[]): Pick<AppointmentView, K> {
  return Object.fromEntries(keys.map((key) => [key, view[key]])) as Pick<AppointmentView, K>;
}
