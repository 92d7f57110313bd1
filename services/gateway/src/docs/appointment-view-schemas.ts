import type {
  AppointmentView,
  CalendarView,
  FreeSlot,
  FreeSlotsDay,
  FreeSlotsView,
  SlotUnavailableDetails,
  WorkingInterval,
} from '@conversations/contracts';
import { APPOINTMENT_STATUSES, WEEKDAYS } from '@conversations/contracts';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { dateTime, integer, nullable, objectOf, page, ref, string } from './schema-builders';
import type { Schema } from './schema-builders';

/**
 * OpenAPI schemas of the appointments views (F30), checked against their contracts interfaces at
 * compile time like those in view-schemas.ts.
 */

const workingInterval = objectOf<WorkingInterval>({
  start: string('local HH:mm', { example: '09:00' }),
  end: string('local HH:mm (or 24:00)', { example: '17:00' }),
});
const workingHours: SchemaObject = {
  type: 'object',
  description: 'per weekday, in the calendar’s time zone; an empty list is a day off',
  properties: Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'array', items: ref('WorkingInterval') }])),
  required: [...WEEKDAYS],
};

const calendar = objectOf<CalendarView>({
  id: string(),
  name: string(),
  timeZone: string('IANA time zone', { example: 'America/New_York' }),
  defaultDurationMinutes: integer(),
  bufferMinutes: integer('free time kept after every appointment'),
  slotIntervalMinutes: integer('spacing of offered start times'),
  workingHours,
  teamMemberIds: { type: 'array', items: string() },
  meetingLinkTemplate: nullable(string('`{appointmentId}` is replaced by the appointment id')),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const appointment = objectOf<AppointmentView>({
  id: string(),
  contactId: string(),
  calendarId: string(),
  calendarName: string(),
  timeZone: string('the calendar’s time zone'),
  title: string(),
  start: dateTime('UTC'),
  end: dateTime('UTC'),
  durationMinutes: integer(),
  status: string(undefined, { enum: [...APPOINTMENT_STATUSES] }),
  meetingUrl: nullable(string('join link, when there is one')),
  notes: nullable(string()),
  assignedUserId: nullable(string('team member id')),
  createdBy: string('user id'),
  cancellationReason: nullable(string()),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const freeSlot = objectOf<FreeSlot>({ start: dateTime(), end: dateTime(), localStart: string('local HH:mm', { example: '09:30' }) });
const freeSlotsDay = objectOf<FreeSlotsDay>({
  date: string('local date', { format: 'date' }),
  slots: { type: 'array', items: ref('FreeSlot') },
});
const freeSlots = objectOf<FreeSlotsView>({
  calendarId: string(),
  timeZone: string(),
  durationMinutes: integer(),
  days: { type: 'array', items: ref('FreeSlotsDay') },
});

const slotUnavailable = objectOf<SlotUnavailableDetails>(
  {
    reason: string(undefined, { enum: ['overlaps', 'outside-working-hours'] }),
    requested: { type: 'object', properties: { start: dateTime(), end: dateTime() } },
    conflict: {
      type: 'object',
      description: 'the appointment in the way (reason overlaps)',
      properties: { appointmentId: string(), start: dateTime(), end: dateTime(), bufferMinutes: integer() },
    },
    workingHours: { type: 'array', items: ref('WorkingInterval'), description: 'that local day’s hours (reason outside-working-hours)' },
  },
  '`error.details` of SLOT_UNAVAILABLE (409)',
);
slotUnavailable.required = ['reason', 'requested'];

export const APPOINTMENT_VIEW_SCHEMAS: Record<string, Schema> = {
  WorkingInterval: workingInterval,
  CalendarView: calendar,
  CalendarPage: page('CalendarView'),
  AppointmentView: appointment,
  AppointmentPage: page('AppointmentView'),
  FreeSlot: freeSlot,
  FreeSlotsDay: freeSlotsDay,
  FreeSlotsView: freeSlots,
  SlotUnavailableDetails: slotUnavailable,
};
