import type { AppointmentStatus, WorkingHours } from '@conversations/contracts';
import { WEEKDAYS } from '@conversations/contracts';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/** A deterministic ObjectId for a seed entity, so reseeding upserts the same documents. */
export function seedId(...parts: (string | number)[]): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha1')
      .update(['appointments', ...parts].join(':'))
      .digest('hex')
      .slice(0, 24),
  );
}

const hours = (days: number, intervals: [string, string][]): WorkingHours =>
  Object.fromEntries(
    WEEKDAYS.map((day, index) => [day, index < days ? intervals.map(([start, end]) => ({ start, end })) : []]),
  ) as WorkingHours;

export interface DemoCalendar {
  key: string;
  name: string;
  timeZone: string;
  defaultDurationMinutes: number;
  bufferMinutes: number;
  slotIntervalMinutes: number;
  workingHours: WorkingHours;
  teamMemberIds: string[];
  meetingLinkTemplate: string | null;
}

/** The demo tenants of `npm start` (seeded by the contacts service) and their calendars. */
export const DEMO_CALENDARS: Record<string, DemoCalendar[]> = {
  acme: [
    {
      key: 'check-ups',
      name: 'Check-ups',
      timeZone: 'America/Los_Angeles',
      defaultDurationMinutes: 30,
      bufferMinutes: 10,
      slotIntervalMinutes: 30,
      workingHours: hours(5, [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ]),
      teamMemberIds: ['u-ana', 'u-ben'],
      meetingLinkTemplate: null,
    },
    {
      key: 'video',
      name: 'Video consultations',
      timeZone: 'America/New_York',
      defaultDurationMinutes: 20,
      bufferMinutes: 5,
      slotIntervalMinutes: 15,
      workingHours: hours(5, [['10:00', '16:00']]),
      teamMemberIds: ['u-ben', 'u-chloe'],
      meetingLinkTemplate: 'https://meet.example.com/acme-{appointmentId}',
    },
  ],
  globex: [
    {
      key: 'showings',
      name: 'Property showings',
      timeZone: 'America/New_York',
      defaultDurationMinutes: 60,
      bufferMinutes: 30,
      slotIntervalMinutes: 30,
      workingHours: hours(6, [['10:00', '18:00']]),
      teamMemberIds: ['u-dmitri', 'u-eva'],
      meetingLinkTemplate: null,
    },
    {
      key: 'buyer-calls',
      name: 'Buyer calls',
      timeZone: 'Europe/Stockholm',
      defaultDurationMinutes: 30,
      bufferMinutes: 0,
      slotIntervalMinutes: 30,
      workingHours: hours(5, [['09:00', '17:00']]),
      teamMemberIds: ['u-eva'],
      meetingLinkTemplate: 'https://meet.example.com/globex-{appointmentId}',
    },
  ],
};

/** Local start times inside every demo calendar's working hours, one per appointment of a day. */
export const DEMO_TIMES = ['10:00', '11:00', '14:00', '15:00'];

/** What the k-th demo appointment of a contact is: business days from today (negative = past) and status. */
export const DEMO_PLAN: Array<{ businessDays: number; status: AppointmentStatus; notes: string | null }> = [
  { businessDays: 2, status: 'confirmed', notes: 'Prefers a text reminder the day before' },
  { businessDays: -3, status: 'showed', notes: 'All good; follow up in six months' },
  { businessDays: 6, status: 'booked', notes: null },
  { businessDays: -8, status: 'no-show', notes: null },
  { businessDays: 4, status: 'cancelled', notes: null },
];
