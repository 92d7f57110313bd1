import type { AppointmentStatus } from '@conversations/contracts';

/**
 * Which status may follow which. Cancelled is final (book a new appointment instead); showed and
 * no-show describe what happened, so they may be corrected into each other but not undone.
 */
const NEXT: Record<AppointmentStatus, AppointmentStatus[]> = {
  booked: ['confirmed', 'cancelled', 'showed', 'no-show'],
  confirmed: ['booked', 'cancelled', 'showed', 'no-show'],
  showed: ['no-show'],
  'no-show': ['showed'],
  cancelled: [],
};

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses an appointment can still be moved in time from. */
export function isReschedulable(status: AppointmentStatus): boolean {
  return status === 'booked' || status === 'confirmed';
}

/** Statuses that record the outcome, so only make sense once the appointment has started. */
export function isOutcome(status: AppointmentStatus): boolean {
  return status === 'showed' || status === 'no-show';
}
