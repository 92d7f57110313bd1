import { AppointmentsSubjects, FreeSlotsQueryDto, FreeSlotsView, RequestContext, RpcRequest } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AppointmentsService } from '../appointments/appointments.service';
import { CalendarsService } from '../calendars/calendars.service';
import { freeSlots, localDateRange, searchSpan } from './free-slots';

@Controller()
export class AvailabilityController {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly appointments: AppointmentsService,
  ) {}

  /** Bookable start times per local day of the calendar's time zone. */
  @MessagePattern(AppointmentsSubjects.freeSlots)
  async freeSlots(@Payload() { ctx, data }: RpcRequest<{ calendarId: string } & FreeSlotsQueryDto>): Promise<FreeSlotsView> {
    const { calendarId, ...body } = data ?? {};
    const query = validateDto(FreeSlotsQueryDto, body);
    return this.list(ctx, String(calendarId), query);
  }

  private async list(ctx: RequestContext, calendarId: string, query: FreeSlotsQueryDto): Promise<FreeSlotsView> {
    const calendar = await this.calendars.load(ctx, calendarId);
    const range = localDateRange(query.from, query.to, calendar.timeZone);
    const durationMinutes = query.durationMinutes ?? calendar.defaultDurationMinutes;
    const busy = await this.appointments.busySpans(ctx, calendar._id, searchSpan(range));
    const days = freeSlots({
      hours: calendar.workingHours,
      zone: calendar.timeZone,
      ...range,
      durationMinutes,
      slotIntervalMinutes: calendar.slotIntervalMinutes,
      bufferMinutes: calendar.bufferMinutes,
      busy,
      now: new Date(),
    });
    return { calendarId: String(calendar._id), timeZone: calendar.timeZone, durationMinutes, days };
  }
}
