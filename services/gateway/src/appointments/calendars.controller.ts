import {
  AppointmentsSubjects,
  CalendarView,
  CreateCalendarDto,
  FreeSlotsQueryDto,
  FreeSlotsView,
  ListCalendarsQueryDto,
  Page,
  RequestContext,
  UpdateCalendarDto,
} from '@conversations/contracts';
import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { AppointmentsClient } from '../nats/service-client';
import { CALENDAR_ID } from './appointment-routes';

/** Booking calendars: time zone, working hours, duration, buffer, team (F30). */
@ApiTags('appointments')
@ApiAuthenticated()
@Controller('calendars')
export class CalendarsController {
  constructor(private readonly appointments: AppointmentsClient) {}

  @Get()
  @ApiOperation({ summary: 'The account’s calendars, newest first' })
  @ApiQueryOf(ListCalendarsQueryDto, { cursor: 'the `nextCursor` of the previous page', limit: 'page size, 1–100 (default 50)' })
  @ApiView(HttpStatus.OK, 'CalendarPage')
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListCalendarsQueryDto): Promise<Page<CalendarView>> {
    return this.appointments.request(AppointmentsSubjects.calendarsList, ctx, query);
  }

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Create a calendar (default: 30-minute appointments, no buffer, Monday–Friday 09:00–17:00 local)' })
  @ApiJsonBody(CreateCalendarDto)
  @ApiView(HttpStatus.CREATED, 'CalendarView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  create(@CallerContext() ctx: RequestContext, @Body() body: CreateCalendarDto): Promise<CalendarView> {
    return this.appointments.request(AppointmentsSubjects.calendarsCreate, ctx, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One calendar' })
  @ApiParam({ name: 'id', description: 'calendar id' })
  @ApiView(HttpStatus.OK, 'CalendarView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CallerContext() ctx: RequestContext, @Param('id', CALENDAR_ID) id: string): Promise<CalendarView> {
    return this.appointments.request(AppointmentsSubjects.calendarsGet, ctx, { id });
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Change calendar settings; appointments already booked keep their time' })
  @ApiParam({ name: 'id', description: 'calendar id' })
  @ApiJsonBody(UpdateCalendarDto)
  @ApiView(HttpStatus.OK, 'CalendarView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', CALENDAR_ID) id: string,
    @Body() changes: UpdateCalendarDto,
  ): Promise<CalendarView> {
    return this.appointments.request(AppointmentsSubjects.calendarsUpdate, ctx, { id, changes });
  }

  @Get(':id/free-slots')
  @ApiOperation({
    summary: 'Bookable start times per local day (F30)',
    description:
      'Days are local dates in the calendar’s time zone (DST-correct); a listed slot leaves the calendar’s buffer free before the next appointment.',
  })
  @ApiParam({ name: 'id', description: 'calendar id' })
  @ApiQueryOf(FreeSlotsQueryDto, {
    from: 'first local date, YYYY-MM-DD',
    to: 'last local date (inclusive), at most 31 days on',
    durationMinutes: 'length wanted (default: the calendar’s)',
  })
  @ApiView(HttpStatus.OK, 'FreeSlotsView')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  freeSlots(
    @CallerContext() ctx: RequestContext,
    @Param('id', CALENDAR_ID) calendarId: string,
    @Query() query: FreeSlotsQueryDto,
  ): Promise<FreeSlotsView> {
    return this.appointments.request(AppointmentsSubjects.freeSlots, ctx, { calendarId, ...query });
  }
}
