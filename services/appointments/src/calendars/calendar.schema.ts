import type { WorkingHours } from '@conversations/contracts';
import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const CALENDAR_MODEL = 'Calendar';

export interface CalendarDocument {
  _id: Types.ObjectId;
  tenantId: string;
  name: string;
  timeZone: string;
  defaultDurationMinutes: number;
  bufferMinutes: number;
  slotIntervalMinutes: number;
  workingHours: WorkingHours;
  teamMemberIds: string[];
  meetingLinkTemplate: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Written changes (see VersionedStore); calendars stored before it had one count as 0. */
  version?: number;
  outbox: unknown[];
}

export const calendarSchema = new Schema<CalendarDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    name: { type: String, required: true },
    timeZone: { type: String, required: true },
    defaultDurationMinutes: { type: Number, required: true },
    bufferMinutes: { type: Number, required: true },
    slotIntervalMinutes: { type: Number, required: true },
    workingHours: { type: Object, required: true },
    teamMemberIds: { type: [String], default: [] },
    meetingLinkTemplate: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'calendars', versionKey: false, minimize: false },
);
calendarSchema.plugin(tenantScopedPlugin);
// The tenant's calendars, newest first, by cursor.
calendarSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
