import {
  AppointmentsSubjects,
  AppointmentView,
  CancelAppointmentDto,
  RequestContext,
  UpdateAppointmentDto,
} from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiView } from '../docs/api-decorators';
import { registerDocumentedDto } from '../docs/dto-schemas';
import { ref } from '../docs/schema-builders';
import { AppointmentsClient } from '../nats/service-client';
import { APPOINTMENT_ID, ApiSlotConflict } from './appointment-routes';

registerDocumentedDto(CancelAppointmentDto);

/** One appointment: View, reschedule, status, notes, cancel (F30). */
@ApiTags('appointments')
@ApiAuthenticated()
@ApiParam({ name: 'id', description: 'appointment id' })
@Controller('appointments/:id')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsClient) {}

  @Get()
  @ApiOperation({ summary: 'One appointment with its meeting link' })
  @ApiView(HttpStatus.OK, 'AppointmentView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CallerContext() ctx: RequestContext, @Param('id', APPOINTMENT_ID) id: string): Promise<AppointmentView> {
    return this.appointments.request(AppointmentsSubjects.get, ctx, { id });
  }

  @Patch()
  @ApiOperation({
    summary: 'Reschedule (start/end/durationMinutes), change status, or edit title, notes, assignee, meeting link',
    description: 'Status rules: booked ⇄ confirmed; either → cancelled (final), showed or no-show (once started); showed ⇄ no-show.',
  })
  @ApiJsonBody(UpdateAppointmentDto)
  @ApiView(HttpStatus.OK, 'AppointmentView')
  @ApiSlotConflict()
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', APPOINTMENT_ID) id: string,
    @Body() changes: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.request(AppointmentsSubjects.update, ctx, { id, changes });
  }

  @Post('cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the appointment, freeing its time (idempotent)' })
  @ApiBody({ required: false, schema: ref(CancelAppointmentDto.name), description: 'optional: the reason kept with the cancellation' })
  @ApiView(HttpStatus.OK, 'AppointmentView')
  @ApiSlotConflict()
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  cancel(@CallerContext() ctx: RequestContext, @Param('id', APPOINTMENT_ID) id: string, @Body() body: unknown): Promise<AppointmentView> {
    // The body is optional here, so it is not typed as the DTO (the global pipe would demand one);
    // the appointments service validates it against CancelAppointmentDto instead.
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw DomainError.validation({ body: ['body must be a JSON object, e.g. {"reason": "…"}, or empty'] });
    }
    return this.appointments.request(AppointmentsSubjects.cancel, ctx, { ...(body as CancelAppointmentDto | undefined), id });
  }
}
