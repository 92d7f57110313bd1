import { AppointmentsSubjects, CreateCalendarDto, ListCalendarsQueryDto, RpcRequestOf, UpdateCalendarDto } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { CalendarsService } from './calendars.service';

@Controller()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @RpcHandler(AppointmentsSubjects.calendarsList)
  list({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.calendarsList>) {
    return this.calendars.list(ctx, validateDto(ListCalendarsQueryDto, data));
  }

  @RpcHandler(AppointmentsSubjects.calendarsGet)
  get({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.calendarsGet>) {
    return this.calendars.get(ctx, data.id);
  }

  @RpcHandler(AppointmentsSubjects.calendarsCreate)
  create({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.calendarsCreate>) {
    return this.calendars.create(ctx, validateDto(CreateCalendarDto, data));
  }

  @RpcHandler(AppointmentsSubjects.calendarsUpdate)
  update({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.calendarsUpdate>) {
    return this.calendars.update(ctx, data.id, validateDto(UpdateCalendarDto, data.changes));
  }
}
