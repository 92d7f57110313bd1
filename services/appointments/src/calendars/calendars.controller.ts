import { AppointmentsSubjects, CreateCalendarDto, ListCalendarsQueryDto, RpcRequest, UpdateCalendarDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarsService } from './calendars.service';

@Controller()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @MessagePattern(AppointmentsSubjects.calendarsList)
  list(@Payload() { ctx, data }: RpcRequest<ListCalendarsQueryDto>) {
    return this.calendars.list(ctx, validateDto(ListCalendarsQueryDto, data ?? {}));
  }

  @MessagePattern(AppointmentsSubjects.calendarsGet)
  get(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    return this.calendars.get(ctx, String(data?.id));
  }

  @MessagePattern(AppointmentsSubjects.calendarsCreate)
  create(@Payload() { ctx, data }: RpcRequest<CreateCalendarDto>) {
    return this.calendars.create(ctx, validateDto(CreateCalendarDto, data));
  }

  @MessagePattern(AppointmentsSubjects.calendarsUpdate)
  update(@Payload() { ctx, data }: RpcRequest<{ id: string; changes: UpdateCalendarDto }>) {
    return this.calendars.update(ctx, String(data?.id), validateDto(UpdateCalendarDto, data?.changes));
  }
}
