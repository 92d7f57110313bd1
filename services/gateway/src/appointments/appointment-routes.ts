import { ErrorCodes } from '@conversations/contracts';
import { HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ref } from '../docs/schema-builders';
import { ObjectIdPipe } from '../http/object-id.pipe';

export const CALENDAR_ID = new ObjectIdPipe(ErrorCodes.CALENDAR_NOT_FOUND, 'Calendar');
export const APPOINTMENT_ID = new ObjectIdPipe(ErrorCodes.APPOINTMENT_NOT_FOUND, 'Appointment');

/** 409 of a booking or reschedule: the slot is taken (buffer included) or outside working hours. */
export function ApiSlotConflict() {
  return ApiResponse({
    status: HttpStatus.CONFLICT,
    description:
      'SLOT_UNAVAILABLE: the time overlaps another appointment on the calendar (its buffer included) or is outside working hours; ' +
      '`error.details` is a SlotUnavailableDetails naming the conflicting slot. APPOINTMENT_STATUS_CONFLICT: the status does not allow the change. ' +
      'CHANGE_IN_PROGRESS: another change of the same appointment is being written; try again.',
    schema: ref('ErrorResponse'),
  });
}
