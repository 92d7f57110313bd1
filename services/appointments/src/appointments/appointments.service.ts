import {
  AppointmentEventData,
  AppointmentEventTypes,
  AppointmentView,
  CreateAppointmentDto,
  DomainEvent,
  ErrorCodes,
  ListAppointmentsQueryDto,
  Page,
  RequestContext,
  UpdateAppointmentDto,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, newEvent, OutboxRelay, toPage, VersionedStore } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { CalendarDocument } from '../calendars/calendar.schema';
import { CalendarsService } from '../calendars/calendars.service';
import { Span } from '../calendars/working-hours';
import { ContactsDirectory } from '../contacts-directory/contacts-directory';
import { ClaimHolder, ClaimRef, SlotClaimsService, slotsOf } from '../slot-claims/slot-claims.service';
import { APPOINTMENT_MODEL, AppointmentDocument } from './appointment.schema';
import { appointmentViewOf, pick } from './appointment.view';
import { claimedSpan, requestedSpan, requireWorkingHours, slotUnavailable } from './booking-rules';
import { canMove, isOutcome, isReschedulable } from './status-rules';

const DEFAULT_PAGE_SIZE = 20;
const MINUTE = 60_000;
/** Claims younger than this may belong to a booking still in flight, so are never taken for left-overs. */
const STALE_CLAIM_AFTER_MS = 30_000;
const DAY = 24 * 60 * MINUTE;

@Injectable()
export class AppointmentsService {
  private readonly store: VersionedStore<AppointmentDocument>;

  constructor(
    @InjectModel(APPOINTMENT_MODEL) private readonly appointments: Model<AppointmentDocument>,
    private readonly calendars: CalendarsService,
    private readonly claims: SlotClaimsService,
    private readonly directory: ContactsDirectory,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(appointments, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.APPOINTMENT_NOT_FOUND, 'Appointment'),
      busy: () => changeInProgress(),
    });
  }

  /** F30: the contact's upcoming appointments soonest first (or past ones, most recent first), by cursor. */
  async listForContact(ctx: RequestContext, contactId: string, query: ListAppointmentsQueryDto): Promise<Page<AppointmentView>> {
    await this.directory.requireContact(ctx, contactId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const upcoming = (query.when ?? 'upcoming') === 'upcoming';
    const now = new Date();
    const rows = await this.appointments
      .find({
        tenantId: ctx.tenantId,
        contactId: new Types.ObjectId(contactId),
        end: upcoming ? { $gt: now } : { $lte: now },
        ...(query.includeCancelled ? {} : { status: { $ne: 'cancelled' } }),
        ...afterCursorFilter('start', query.cursor, upcoming ? 'asc' : 'desc'),
      })
      .sort(upcoming ? { start: 1, _id: 1 } : { start: -1, _id: -1 })
      .limit(limit + 1)
      .lean<AppointmentDocument[]>();
    const calendars = await this.calendars.byIds(
      ctx,
      [...new Set(rows.map((row) => String(row.calendarId)))].map((id) => new Types.ObjectId(id)),
    );
    return toPage(
      rows,
      limit,
      (row) => row.start,
      (row) => appointmentViewOf(row, calendars.get(String(row.calendarId))),
    );
  }

  async get(ctx: RequestContext, id: string): Promise<AppointmentView> {
    const appointment = await this.load(ctx, id);
    return appointmentViewOf(appointment, await this.calendarOf(ctx, appointment));
  }

  /** Active appointments of a calendar near `span`, each extended by the buffer it keeps (free slots). */
  async busySpans(ctx: RequestContext, calendarId: Types.ObjectId, span: Span): Promise<Span[]> {
    const rows = await this.appointments
      .find(
        // No appointment lasts a day, so one that can reach into the span starts at most a day before it.
        {
          tenantId: ctx.tenantId,
          calendarId,
          start: { $gte: new Date(span.start.getTime() - DAY), $lt: span.end },
          status: { $ne: 'cancelled' },
        },
        { start: 1, end: 1, bufferMinutes: 1 },
      )
      .lean<AppointmentDocument[]>();
    return rows.map((row) => claimedSpan(row, row.bufferMinutes));
  }

  async create(ctx: RequestContext, contactId: string, input: CreateAppointmentDto): Promise<AppointmentView> {
    await this.directory.requireContact(ctx, contactId);
    const calendar = await this.calendars.load(ctx, input.calendarId, 'calendarId');
    const span = requestedSpan(calendar, input);
    requireWorkingHours(calendar, span);
    const assignedUserId = await this.requireAssignee(ctx, calendar, input.assignedUserId ?? null);
    const _id = new Types.ObjectId();
    const ref: ClaimRef = { tenantId: ctx.tenantId, calendarId: calendar._id, appointmentId: _id };
    await this.claimOrThrow(ctx, calendar, ref, span, slotsOf(claimedSpan(span, calendar.bufferMinutes)));
    const now = new Date();
    const appointment: AppointmentDocument = {
      _id,
      tenantId: ctx.tenantId,
      contactId: new Types.ObjectId(contactId),
      calendarId: calendar._id,
      title: input.title?.trim() || calendar.name,
      start: span.start,
      end: span.end,
      durationMinutes: span.durationMinutes,
      bufferMinutes: calendar.bufferMinutes,
      status: 'booked',
      meetingUrl: input.meetingUrl ?? calendar.meetingLinkTemplate?.replaceAll('{appointmentId}', String(_id)) ?? null,
      notes: input.notes?.trim() || null,
      assignedUserId,
      createdBy: ctx.userId,
      cancellationReason: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
      outbox: [],
    };
    const view = appointmentViewOf(appointment, calendar);
    const event = this.event(ctx, AppointmentEventTypes.created, appointment, {}, view);
    const inserted = await this.store.insert(appointment, [event]).catch(async (error: unknown) => {
      await this.claims.releaseAll(ref);
      throw error;
    });
    // A fresh ObjectId collides with nothing; should it ever, the claims go back and the caller retries.
    if (!inserted) {
      await this.claims.releaseAll(ref);
      throw changeInProgress();
    }
    return view;
  }

  /**
   * Reschedules, changes status and/or edits details in one write (see VersionedStore). Slots are
   * claimed before the write and released after it, so a crash in between leaves extra claims (cleaned
   * up later), never a double booking; a write that loses a race gives back what it claimed and retries.
   */
  async update(ctx: RequestContext, id: string, changes: UpdateAppointmentDto): Promise<AppointmentView> {
    let calendar: CalendarDocument | undefined;
    let release: number[] = [];
    const result = await this.store.change(ctx.tenantId, id, async (current) => {
      calendar = await this.calendars.load(ctx, String(current.calendarId));
      const plan = await this.plan(ctx, current, calendar, changes);
      if (!plan.events.length) return null;
      const ref = claimRefOf(current);
      if (plan.span) await this.claimOrThrow(ctx, calendar, ref, plan.span, plan.claim);
      release = plan.release;
      return { set: plan.set, events: () => plan.events, abandoned: () => this.claims.release(ref, plan.claim) };
    });
    if (result.applied) {
      const ref = claimRefOf(result.updated);
      if (result.updated.status === 'cancelled') await this.claims.releaseAll(ref);
      else await this.claims.release(ref, release);
    }
    return appointmentViewOf(result.updated, calendar);
  }

  /** Cancels every appointment of the contact that has not ended yet (the contact was deleted). */
  async cancelUpcomingForContact(ctx: RequestContext, contactId: string, reason: string): Promise<number> {
    if (!Types.ObjectId.isValid(contactId)) return 0;
    // By the contact index; the status is checked here, a contact's few appointments being all it reads.
    const notEnded = await this.appointments
      .find({ tenantId: ctx.tenantId, contactId: new Types.ObjectId(contactId), end: { $gt: new Date() } }, { _id: 1, status: 1 })
      .lean<Pick<AppointmentDocument, '_id' | 'status'>[]>();
    const upcoming = notEnded.filter(({ status }) => status === 'booked' || status === 'confirmed');
    for (const { _id } of upcoming) await this.cancel(ctx, String(_id), reason);
    return upcoming.length;
  }

  cancel(ctx: RequestContext, id: string, reason: string | undefined): Promise<AppointmentView> {
    return this.update(ctx, id, { status: 'cancelled', ...(reason ? { cancellationReason: reason } : {}) });
  }

  /** What an update sets, the slots it must claim and may release, and the events describing it. */
  private async plan(ctx: RequestContext, current: AppointmentDocument, calendar: CalendarDocument, changes: UpdateAppointmentDto) {
    const set: Partial<AppointmentDocument> = {};
    const events: DomainEvent<AppointmentEventData>[] = [];
    let span: (Span & { durationMinutes: number }) | undefined;
    let claim: number[] = [];
    let release: number[] = [];
    const next = changes.status ?? current.status;

    if (changes.cancellationReason != null && next !== 'cancelled') {
      throw DomainError.validation({ cancellationReason: ['cancellationReason is only kept when the status becomes cancelled'] });
    }

    if (changes.start != null || changes.end != null || changes.durationMinutes != null) {
      if (next === 'cancelled' && current.status !== 'cancelled')
        throw DomainError.validation({ status: ['cancel and reschedule in separate requests'] });
      if (!isReschedulable(current.status)) throw statusConflict(`A ${current.status} appointment cannot be rescheduled`);
      const keepsLength = changes.end == null && changes.durationMinutes == null;
      const requested = requestedSpan(calendar, {
        start: changes.start ?? current.start.toISOString(),
        end: changes.end,
        durationMinutes: keepsLength ? current.durationMinutes : changes.durationMinutes,
      });
      if (requested.start.getTime() !== current.start.getTime() || requested.end.getTime() !== current.end.getTime()) {
        requireWorkingHours(calendar, requested);
        const held = new Set(slotsOf(claimedSpan(current, current.bufferMinutes)));
        const wanted = slotsOf(claimedSpan(requested, calendar.bufferMinutes));
        const wantedSet = new Set(wanted);
        span = requested;
        claim = wanted.filter((slot) => !held.has(slot));
        release = [...held].filter((slot) => !wantedSet.has(slot));
        Object.assign(set, {
          start: requested.start,
          end: requested.end,
          durationMinutes: requested.durationMinutes,
          bufferMinutes: calendar.bufferMinutes,
        });
      }
    }

    if (changes.status != null && changes.status !== current.status) {
      if (!canMove(current.status, changes.status)) throw statusConflict(`A ${current.status} appointment cannot become ${changes.status}`);
      if (isOutcome(changes.status) && current.start.getTime() > Date.now())
        throw statusConflict(`An appointment can be marked ${changes.status} only once it has started`);
      set.status = changes.status;
      if (changes.status === 'cancelled') set.cancellationReason = changes.cancellationReason?.trim() || null;
    }

    if (changes.title != null) set.title = changes.title.trim() || calendar.name;
    if (changes.notes !== undefined) set.notes = changes.notes?.trim() || null;
    if (changes.meetingUrl !== undefined) set.meetingUrl = changes.meetingUrl;
    if (changes.assignedUserId !== undefined) set.assignedUserId = await this.requireAssignee(ctx, calendar, changes.assignedUserId);

    const before = appointmentViewOf(current, calendar);
    const after = appointmentViewOf({ ...current, ...set }, calendar);
    const changed = (keys: (keyof AppointmentView)[]) => keys.filter((key) => before[key] !== after[key]);
    const timing = changed(['start', 'end', 'durationMinutes']);
    if (timing.length) events.push(this.event(ctx, AppointmentEventTypes.rescheduled, current, pick(before, timing), pick(after, timing)));
    const status = changed(['status', 'cancellationReason']);
    if (status.length) {
      const type = after.status === 'cancelled' ? AppointmentEventTypes.cancelled : AppointmentEventTypes.statusChanged;
      events.push(this.event(ctx, type, current, pick(before, status), pick(after, status)));
    }
    const details = changed(['title', 'notes', 'meetingUrl', 'assignedUserId']);
    if (details.length) events.push(this.event(ctx, AppointmentEventTypes.updated, current, pick(before, details), pick(after, details)));
    return { set, events, span, claim, release };
  }

  private async claimOrThrow(ctx: RequestContext, calendar: CalendarDocument, ref: ClaimRef, span: Span, slots: number[]): Promise<void> {
    const holder = await this.claims.claim(ref, slots, (candidate) => this.clearStaleClaims(ctx, ref, candidate));
    if (!holder) return;
    // The slot is held by a change of this same appointment still in flight.
    if (holder.appointmentId.equals(ref.appointmentId)) throw changeInProgress();
    const appointment = await this.appointments.findOne({ _id: holder.appointmentId, tenantId: ctx.tenantId }).lean<AppointmentDocument>();
    // A booking still in flight has claims but no document yet: its claims tell its time.
    const conflict = appointment
      ? { appointmentId: String(appointment._id), start: appointment.start, end: appointment.end, bufferMinutes: appointment.bufferMinutes }
      : {
          appointmentId: String(holder.appointmentId),
          start: holder.span.start,
          end: new Date(Math.max(holder.span.start.getTime(), holder.span.end.getTime() - calendar.bufferMinutes * MINUTE)),
          bufferMinutes: calendar.bufferMinutes,
        };
    throw slotUnavailable(calendar, span, conflict);
  }

  /**
   * Claims no live appointment accounts for: a booking that crashed before writing its appointment, a
   * cancel that crashed before releasing, a reschedule that crashed before giving back its old slots.
   * Only claims older than STALE_CLAIM_AFTER_MS count, so an operation still in flight is never robbed.
   */
  private async clearStaleClaims(ctx: RequestContext, ref: ClaimRef, holder: ClaimHolder): Promise<boolean> {
    const settled = holder.claims.filter((claim) => Date.now() - claim.claimedAt.getTime() > STALE_CLAIM_AFTER_MS);
    if (!settled.length) return false;
    const appointment = await this.appointments.findOne({ _id: holder.appointmentId, tenantId: ctx.tenantId }).lean<AppointmentDocument>();
    const live =
      appointment && appointment.status !== 'cancelled'
        ? new Set(slotsOf(claimedSpan(appointment, appointment.bufferMinutes)))
        : new Set<number>();
    const stale = settled.map((claim) => claim.slot).filter((slot) => !live.has(slot));
    if (!stale.length) return false;
    await this.claims.release({ ...ref, appointmentId: holder.appointmentId }, stale);
    return true;
  }

  /** An assignee must be one of the calendar's team members (or of the account's, when the calendar names none). */
  private async requireAssignee(ctx: RequestContext, calendar: CalendarDocument, userId: string | null): Promise<string | null> {
    if (userId === null) return null;
    const members = calendar.teamMemberIds.length
      ? calendar.teamMemberIds
      : (await this.directory.teamMembers(ctx)).map((member) => member.id);
    if (!members.includes(userId))
      throw DomainError.validation({ assignedUserId: ['assignedUserId must be a team member of this calendar'] });
    return userId;
  }

  private load(ctx: RequestContext, id: string): Promise<AppointmentDocument> {
    return this.store.load(ctx.tenantId, id);
  }

  private async calendarOf(ctx: RequestContext, appointment: AppointmentDocument): Promise<CalendarDocument | undefined> {
    return (await this.calendars.byIds(ctx, [appointment.calendarId])).get(String(appointment.calendarId));
  }

  private event(
    ctx: RequestContext,
    type: string,
    appointment: AppointmentDocument,
    before: Partial<AppointmentView>,
    after: Partial<AppointmentView>,
  ): DomainEvent<AppointmentEventData> {
    return newEvent(
      type,
      ctx.tenantId,
      { userId: ctx.userId },
      {
        appointmentId: String(appointment._id),
        contactId: String(appointment.contactId),
        calendarId: String(appointment.calendarId),
        before,
        after,
      },
    );
  }
}

function claimRefOf(appointment: AppointmentDocument): ClaimRef {
  return { tenantId: appointment.tenantId, calendarId: appointment.calendarId, appointmentId: appointment._id };
}

function changeInProgress(): DomainError {
  return new DomainError(ErrorCodes.CHANGE_IN_PROGRESS, 'The appointment is being changed by someone else; reload it and try again');
}

function statusConflict(message: string): DomainError {
  return new DomainError(ErrorCodes.APPOINTMENT_STATUS_CONFLICT, message);
}
