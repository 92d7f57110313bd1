import { AppointmentsSubjects, FreeSlotsQueryDto, FreeSlotsView, RequestContext, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
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
  @RpcHandler(AppointmentsSubjects.freeSlots)
  async freeSlots({ ctx, data }: RpcRequestOf<typeof AppointmentsSubjects.freeSlots>): Promise<FreeSlotsView> {
    const { calendarId, ...body } = data;
    const query = validateDto(FreeSlotsQueryDto, body);
    return this.list(ctx, calendarId, query);
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
