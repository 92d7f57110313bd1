import type { CalendarView } from '@conversations/contracts';
import type { CalendarDocument } from './calendar.schema';

export function calendarViewOf(calendar: CalendarDocument): CalendarView {
  return {
    id: String(calendar._id),
    name: calendar.name,
    timeZone: calendar.timeZone,
    defaultDurationMinutes: calendar.defaultDurationMinutes,
    bufferMinutes: calendar.bufferMinutes,
    slotIntervalMinutes: calendar.slotIntervalMinutes,
    workingHours: calendar.workingHours,
    teamMemberIds: calendar.teamMemberIds,
    meetingLinkTemplate: calendar.meetingLinkTemplate,
    createdAt: calendar.createdAt.toISOString(),
    updatedAt: calendar.updatedAt.toISOString(),
  };
}
