import type { AppointmentStatus } from '@conversations/contracts';
import { OUTBOX_FIELD, tenantScopedPlugin } from '@conversations/service-kit';
import { Schema, type Types } from 'mongoose';

export const APPOINTMENT_MODEL = 'Appointment';

export interface AppointmentDocument {
  _id: Types.ObjectId;
  tenantId: string;
  contactId: Types.ObjectId;
  calendarId: Types.ObjectId;
  title: string;
  start: Date;
  end: Date;
  durationMinutes: number;
  /** The buffer this appointment was booked with: its slot claims run to `end + bufferMinutes`. */
  bufferMinutes: number;
  status: AppointmentStatus;
  meetingUrl: string | null;
  notes: string | null;
  assignedUserId: string | null;
  createdBy: string;
  cancellationReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: every write is conditioned on the version it read. */
  version: number;
  outbox: unknown[];
}

export const appointmentSchema = new Schema<AppointmentDocument>(
  {
    tenantId: { type: String, required: true, immutable: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    calendarId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    durationMinutes: { type: Number, required: true },
    bufferMinutes: { type: Number, required: true },
    status: { type: String, required: true },
    meetingUrl: { type: String, default: null },
    notes: { type: String, default: null },
    assignedUserId: { type: String, default: null },
    createdBy: { type: String, required: true },
    cancellationReason: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
    ...OUTBOX_FIELD,
  },
  { collection: 'appointments', versionKey: false, minimize: false },
);
appointmentSchema.plugin(tenantScopedPlugin);
// F30: a contact's appointments by start time (upcoming ascending, past descending), by cursor.
appointmentSchema.index({ tenantId: 1, contactId: 1, start: 1, _id: 1 });
// Free slots: a calendar's appointments in a time range.
appointmentSchema.index({ tenantId: 1, calendarId: 1, start: 1 });
