import {
  AppointmentsSubjects,
  AppointmentView,
  CreateAppointmentDto,
  ListAppointmentsQueryDto,
  Page,
  RequestContext,
} from '@conversations/contracts';
import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { CONTACT_ID } from '../contacts/contacts.controller';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { AppointmentsClient } from '../nats/service-client';
import { ApiSlotConflict } from './appointment-routes';

/** The Appointments section of the details panel (F30): a contact's appointments, and Add. */
@ApiTags('appointments')
@ApiAuthenticated()
@ApiParam({ name: 'contactId', description: 'contact id' })
@Controller('contacts/:contactId/appointments')
export class ContactAppointmentsController {
  constructor(private readonly appointments: AppointmentsClient) {}

  @Get()
  @ApiOperation({ summary: 'The contact’s upcoming appointments, soonest first (or past ones, most recent first)' })
  @ApiQueryOf(ListAppointmentsQueryDto, {
    when: '`upcoming` (default) or `past`',
    includeCancelled: 'also list cancelled appointments (default false)',
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 20)',
  })
  @ApiView(HttpStatus.OK, 'AppointmentPage')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  list(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Query() query: ListAppointmentsQueryDto,
  ): Promise<Page<AppointmentView>> {
    return this.appointments.request(AppointmentsSubjects.listForContact, ctx, { contactId, ...query });
  }

  @Post()
  @ApiOperation({
    summary: 'Book an appointment for the contact (F30)',
    description:
      'Checked against working hours and every other appointment on the calendar (buffer included); of concurrent bookings of one slot exactly one succeeds.',
  })
  @ApiJsonBody(CreateAppointmentDto)
  @ApiView(HttpStatus.CREATED, 'AppointmentView')
  @ApiSlotConflict()
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  create(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Body() body: CreateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.request(AppointmentsSubjects.create, ctx, { contactId, ...body });
  }
}
