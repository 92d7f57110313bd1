import type { AppointmentStatus, Weekday } from './appointment.dto';

export interface WorkingInterval {
  /** Local time HH:mm in the calendar's time zone. */
  start: string;
  /** Local time HH:mm (or 24:00). */
  end: string;
}

export type WorkingHours = Record<Weekday, WorkingInterval[]>;

export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  defaultDurationMinutes: number;
  bufferMinutes: number;
  slotIntervalMinutes: number;
  workingHours: WorkingHours;
  teamMemberIds: string[];
  meetingLinkTemplate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentView {
  id: string;
  contactId: string;
  calendarId: string;
  calendarName: string;
  /** The calendar's time zone, in which `start` is shown. */
  timeZone: string;
  title: string;
  /** UTC instants. */
  start: string;
  end: string;
  durationMinutes: number;
  status: AppointmentStatus;
  meetingUrl: string | null;
  notes: string | null;
  assignedUserId: string | null;
  createdBy: string;
  cancellationReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FreeSlot {
  start: string;
  end: string;
  /** Start as local wall-clock time in the calendar's time zone, HH:mm. */
  localStart: string;
}

export interface FreeSlotsDay {
  /** Local date YYYY-MM-DD in the calendar's time zone. */
  date: string;
  slots: FreeSlot[];
}

export interface FreeSlotsView {
  calendarId: string;
  timeZone: string;
  durationMinutes: number;
  days: FreeSlotsDay[];
}

/** `details` of a SLOT_UNAVAILABLE error: the requested slot and why it cannot be booked. */
export interface SlotUnavailableDetails {
  reason: 'overlaps' | 'outside-working-hours';
  requested: { start: string; end: string };
  /** `overlaps`: the appointment in the way, with the buffer it keeps after it. */
  conflict?: { appointmentId: string; start: string; end: string; bufferMinutes: number };
  /** `outside-working-hours`: that local day's working hours. */
  workingHours?: WorkingInterval[];
}

/** Payloads of `evt.appointments.*` (appointment facts). `before`/`after` hold only what changed. */
export interface AppointmentEventData {
  appointmentId: string;
  contactId: string;
  calendarId: string;
  before: Partial<AppointmentView>;
  after: Partial<AppointmentView>;
}

export interface CalendarEventData {
  calendarId: string;
  before: Partial<CalendarView>;
  after: Partial<CalendarView>;
}
