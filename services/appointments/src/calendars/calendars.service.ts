import {
  AppointmentEventTypes,
  CalendarEventData,
  CalendarSettingsDto,
  CalendarView,
  CreateCalendarDto,
  DomainEvent,
  ErrorCodes,
  ListCalendarsQueryDto,
  Page,
  RequestContext,
  UpdateCalendarDto,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, newEvent, OutboxRelay, toPage, VersionedStore } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ContactsDirectory } from '../contacts-directory/contacts-directory';
import { CALENDAR_MODEL, CalendarDocument } from './calendar.schema';
import { calendarViewOf } from './calendar.view';
import { DEFAULT_WORKING_HOURS, normaliseWorkingHours } from './working-hours';

const DEFAULT_PAGE_SIZE = 50;

@Injectable()
export class CalendarsService {
  private readonly store: VersionedStore<CalendarDocument>;

  constructor(
    @InjectModel(CALENDAR_MODEL) private readonly calendars: Model<CalendarDocument>,
    private readonly directory: ContactsDirectory,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(calendars, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.CALENDAR_NOT_FOUND, 'Calendar'),
      busy: () => new DomainError(ErrorCodes.CHANGE_IN_PROGRESS, 'The calendar is being changed by someone else; reload it and try again'),
    });
  }

  async list(ctx: RequestContext, query: ListCalendarsQueryDto): Promise<Page<CalendarView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.calendars
      .find({ tenantId: ctx.tenantId, ...afterCursorFilter('createdAt', query.cursor) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CalendarDocument[]>();
    return toPage(rows, limit, (row) => row.createdAt, calendarViewOf);
  }

  async get(ctx: RequestContext, id: string): Promise<CalendarView> {
    return calendarViewOf(await this.load(ctx, id));
  }

  /**
   * The calendar, or CALENDAR_NOT_FOUND (for a malformed id and another tenant's calendar too); when the id
   * came in a body `field`, a validation error on that field instead, as for any unknown reference.
   */
  async load(ctx: RequestContext, id: string, field?: string): Promise<CalendarDocument> {
    const calendar = await this.store.find(ctx.tenantId, id);
    if (!calendar && field) throw DomainError.validation({ [field]: [`${field} is not a calendar of this account`] });
    if (!calendar) throw DomainError.notFound(ErrorCodes.CALENDAR_NOT_FOUND, 'Calendar');
    return calendar;
  }

  /** Calendars by id, for the views of a page of appointments. */
  async byIds(ctx: RequestContext, ids: Types.ObjectId[]): Promise<Map<string, CalendarDocument>> {
    const rows = ids.length ? await this.calendars.find({ tenantId: ctx.tenantId, _id: { $in: ids } }).lean<CalendarDocument[]>() : [];
    return new Map(rows.map((row) => [String(row._id), row]));
  }

  async create(ctx: RequestContext, input: CreateCalendarDto): Promise<CalendarView> {
    await this.requireTeamMembers(ctx, input.teamMemberIds);
    const now = new Date();
    const calendar: CalendarDocument = {
      _id: new Types.ObjectId(),
      tenantId: ctx.tenantId,
      name: input.name.trim(),
      timeZone: input.timeZone,
      defaultDurationMinutes: input.defaultDurationMinutes ?? 30,
      bufferMinutes: input.bufferMinutes ?? 0,
      slotIntervalMinutes: input.slotIntervalMinutes ?? 30,
      workingHours: input.workingHours ? normaliseWorkingHours(input.workingHours) : DEFAULT_WORKING_HOURS,
      teamMemberIds: [...new Set(input.teamMemberIds ?? [])],
      meetingLinkTemplate: input.meetingLinkTemplate ?? null,
      createdAt: now,
      updatedAt: now,
      outbox: [],
    };
    requireName(calendar.name);
    const view = calendarViewOf(calendar);
    const event = this.event(ctx, AppointmentEventTypes.calendarCreated, { calendarId: view.id, before: {}, after: view });
    await this.store.insert(calendar, [event]);
    return view;
  }

  /**
   * Changes settings. Appointments already booked keep their time (and the buffer they were booked
   * with); new working hours and buffer apply to bookings made from now on.
   */
  async update(ctx: RequestContext, id: string, changes: UpdateCalendarDto): Promise<CalendarView> {
    await this.requireTeamMembers(ctx, changes.teamMemberIds);
    const result = await this.store.change(ctx.tenantId, id, (current) => {
      const set = settingsOf(changes);
      if (changes.name != null) set.name = requireName(changes.name.trim());
      if (changes.timeZone != null) set.timeZone = changes.timeZone;
      const before = calendarViewOf(current);
      const after = calendarViewOf({ ...current, ...set });
      const changed = (Object.keys(set) as (keyof CalendarView)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (!changed.length) return null;
      const event = this.event(ctx, AppointmentEventTypes.calendarUpdated, {
        calendarId: String(current._id),
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return { set, events: () => [event] };
    });
    return calendarViewOf(result.updated);
  }

  /** Every listed id must be a team member of the tenant (asked of the contacts service). */
  private async requireTeamMembers(ctx: RequestContext, ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const known = new Set((await this.directory.teamMembers(ctx)).map((member) => member.id));
    const unknown = ids.filter((memberId) => !known.has(memberId));
    if (unknown.length) throw DomainError.validation({ teamMemberIds: [`not team members of this account: ${unknown.join(', ')}`] });
  }

  private event(ctx: RequestContext, type: string, data: CalendarEventData): DomainEvent<CalendarEventData> {
    return newEvent(type, ctx.tenantId, { userId: ctx.userId }, data);
  }
}

function settingsOf(input: CalendarSettingsDto): Partial<CalendarDocument> {
  const set: Partial<CalendarDocument> = {};
  // null means "not given" for settings that cannot be empty; only the meeting link can be cleared.
  if (input.defaultDurationMinutes != null) set.defaultDurationMinutes = input.defaultDurationMinutes;
  if (input.bufferMinutes != null) set.bufferMinutes = input.bufferMinutes;
  if (input.slotIntervalMinutes != null) set.slotIntervalMinutes = input.slotIntervalMinutes;
  if (input.workingHours != null) set.workingHours = normaliseWorkingHours(input.workingHours);
  if (input.teamMemberIds != null) set.teamMemberIds = [...new Set(input.teamMemberIds)];
  if (input.meetingLinkTemplate !== undefined) set.meetingLinkTemplate = input.meetingLinkTemplate;
  return set;
}

function requireName(name: string): string {
  if (!name) throw DomainError.validation({ name: ['name must not be empty'] });
  return name;
}
