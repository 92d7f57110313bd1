import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../contacts/validators';
import { IsFiveMinuteMultiple, IsInstant, IsWorkingHours } from './validators';

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'cancelled', 'showed', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** ISO weekday order (Monday = 1), the order luxon's `weekday` uses. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times on the 5-minute grid slot claims use; `24:00` ends a day. */
const LOCAL_START = /^([01]\d|2[0-3]):[0-5][05]$/;
const LOCAL_END = /^(([01]\d|2[0-3]):[0-5][05]|24:00)$/;

export class WorkingIntervalDto {
  @Matches(LOCAL_START, { message: 'start must be a local time HH:mm on a 5-minute boundary, e.g. 09:00' }) start!: string;
  @Matches(LOCAL_END, { message: 'end must be a local time HH:mm on a 5-minute boundary (or 24:00), e.g. 17:30' }) end!: string;
}

const day = () => (object: object, property: string) => {
  IsOptional()(object, property);
  IsArray({ message: `${property} must be a list of {start, end} intervals` })(object, property);
  ArrayMaxSize(6)(object, property);
  ValidateNested({ each: true })(object, property);
  Type(() => WorkingIntervalDto)(object, property);
};

/** Working hours per weekday in the calendar's time zone; a missing or empty day is a day off. */
export class WorkingHoursDto {
  @day() monday?: WorkingIntervalDto[];
  @day() tuesday?: WorkingIntervalDto[];
  @day() wednesday?: WorkingIntervalDto[];
  @day() thursday?: WorkingIntervalDto[];
  @day() friday?: WorkingIntervalDto[];
  @day() saturday?: WorkingIntervalDto[];
  @day() sunday?: WorkingIntervalDto[];
}

const MEETING_LINK = { protocols: ['https', 'http'], require_protocol: true, require_tld: false };

/** Calendar settings shared by create and update (name and time zone differ: required on create). */
export class CalendarSettingsDto {
  @IsOptional() @IsInt() @Min(5) @Max(480) @IsFiveMinuteMultiple() defaultDurationMinutes?: number;
  /** Minimum free time kept after every appointment, before the next one may start. */
  @IsOptional() @IsInt() @Min(0) @Max(240) @IsFiveMinuteMultiple() bufferMinutes?: number;
  /** Spacing of the start times free-slot listing offers. */
  @IsOptional() @IsInt() @Min(5) @Max(240) @IsFiveMinuteMultiple() slotIntervalMinutes?: number;
  @IsOptional() @ValidateNested() @Type(() => WorkingHoursDto) @IsWorkingHours() workingHours?: WorkingHoursDto;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'each teamMemberIds entry must be a team member id' })
  @MinLength(1, { each: true, message: 'each teamMemberIds entry must be a team member id' })
  @MaxLength(100, { each: true })
  teamMemberIds?: string[];
  /** A video-room URL; `{appointmentId}` in it is replaced by the appointment's id. `null` clears it. */
  @IsOptional()
  @IsUrl(MEETING_LINK, { message: 'meetingLinkTemplate must be an http(s) URL, e.g. https://meet.example.com/acme-{appointmentId}' })
  @MaxLength(500)
  meetingLinkTemplate?: string | null;
}

export class CreateCalendarDto extends CalendarSettingsDto {
  @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100) name!: string;
  @IsIanaTimeZone() timeZone!: string;
}

export class UpdateCalendarDto extends CalendarSettingsDto {
  @IsOptional() @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100) name?: string;
  @IsOptional() @IsIanaTimeZone() timeZone?: string;
}

export class FreeSlotsQueryDto {
  /** First local date (in the calendar's time zone) to list. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date written YYYY-MM-DD' }) from!: string;
  /** Last local date to list (inclusive); at most 31 days after `from`. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date written YYYY-MM-DD' }) to!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(5) @Max(480) @IsFiveMinuteMultiple() durationMinutes?: number;
}

/** How long: either `durationMinutes` or `end` (default: the calendar's duration). */
export class AppointmentLengthDto {
  @IsOptional() @IsInstant() end?: string;
  @IsOptional() @IsInt() @Min(5) @Max(480) @IsFiveMinuteMultiple() durationMinutes?: number;
}

export class CreateAppointmentDto extends AppointmentLengthDto {
  @IsMongoId({ message: 'calendarId must be a calendar id' }) calendarId!: string;
  @IsInstant() start!: string;
  @IsOptional() @IsString() @MaxLength(200) title?: string;
  @IsOptional() @IsString() @MaxLength(5_000) notes?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) assignedUserId?: string;
  /** Overrides the calendar's meeting-link template for this appointment. */
  @IsOptional() @IsUrl(MEETING_LINK, { message: 'meetingUrl must be an http(s) URL' }) @MaxLength(500) meetingUrl?: string;
}

/** Reschedule (start/end/duration), change status, or edit the details; `null` clears an optional field. */
export class UpdateAppointmentDto extends AppointmentLengthDto {
  @IsOptional() @IsInstant() start?: string;
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES, { message: `status must be one of ${APPOINTMENT_STATUSES.join(', ')}` })
  status?: AppointmentStatus;
  @IsOptional() @IsString() @MaxLength(200) title?: string;
  @IsOptional() @IsString() @MaxLength(5_000) notes?: string | null;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) assignedUserId?: string | null;
  @IsOptional() @IsUrl(MEETING_LINK, { message: 'meetingUrl must be an http(s) URL' }) @MaxLength(500) meetingUrl?: string | null;
  /** Kept with a cancellation. */
  @IsOptional() @IsString() @MaxLength(500) cancellationReason?: string;
}

export class CancelAppointmentDto {
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListAppointmentsQueryDto {
  /** `upcoming` (default): not yet ended, soonest first. `past`: ended, most recent first. */
  @IsOptional() @IsIn(['upcoming', 'past'], { message: 'when must be upcoming or past' }) when?: 'upcoming' | 'past';
  @IsOptional() @Transform(booleanQuery) @IsBoolean({ message: 'includeCancelled must be true or false' }) includeCancelled?: boolean;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ListCalendarsQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
