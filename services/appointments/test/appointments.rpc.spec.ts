import {
  AppointmentEventTypes,
  AppointmentsSubjects,
  type AppointmentView,
  type CalendarView,
  ContactsSubjects,
  type ContactView,
  type FreeSlotsView,
  type Page,
  type RequestContext,
} from '@conversations/contracts';
import { eventually, uniqueId } from '@conversations/testing';
import { getModelToken } from '@nestjs/mongoose';
import { DateTime } from 'luxon';
import { type Model, Types } from 'mongoose';
import { APPOINTMENT_MODEL, type AppointmentDocument } from '../src/appointments/appointment.schema';
import { SLOT_CLAIM_MODEL, type SlotClaimDocument } from '../src/slot-claims/slot-claim.schema';
import { AppointmentsHarness, at, nextUsDstChanges, nextWeekday } from './harness';

const NEW_YORK = 'America/New_York';
const EVERY_DAY = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
);

describe('appointments service over NATS', () => {
  let harness: AppointmentsHarness;
  beforeAll(async () => {
    harness = await AppointmentsHarness.start();
  });
  afterAll(() => harness?.stop());

  /** A tenant with a contact and a New York calendar (09:00–17:00 every day unless overridden). */
  async function setup(
    calendar: Record<string, unknown> = {},
  ): Promise<{ ctx: RequestContext; contact: ContactView; calendar: CalendarView }> {
    const ctx = harness.context(uniqueId('tenant'));
    const contact = await harness.createContact(ctx);
    const created = await harness.call<CalendarView>(AppointmentsSubjects.calendarsCreate, ctx, {
      name: 'Consultations',
      timeZone: NEW_YORK,
      workingHours: EVERY_DAY,
      ...calendar,
    });
    return { ctx, contact, calendar: created };
  }

  const book = (ctx: RequestContext, contactId: string, data: Record<string, unknown>) =>
    harness.call<AppointmentView>(AppointmentsSubjects.create, ctx, { contactId, ...data });
  const bookError = (ctx: RequestContext, contactId: string, data: Record<string, unknown>) =>
    harness.callError(AppointmentsSubjects.create, ctx, { contactId, ...data });
  const update = (ctx: RequestContext, id: string, changes: Record<string, unknown>) =>
    harness.call<AppointmentView>(AppointmentsSubjects.update, ctx, { id, changes });
  const updateError = (ctx: RequestContext, id: string, changes: Record<string, unknown>) =>
    harness.callError(AppointmentsSubjects.update, ctx, { id, changes });

  describe('calendars', () => {
    it('creates a calendar with sensible defaults, reads, lists and updates it', async () => {
      const ctx = harness.context(uniqueId('tenant'));
      const calendar = await harness.call<CalendarView>(AppointmentsSubjects.calendarsCreate, ctx, {
        name: ' Cleanings ',
        timeZone: 'Europe/Paris',
        meetingLinkTemplate: 'https://meet.example.com/acme-{appointmentId}',
      });
      expect(calendar).toMatchObject({
        name: 'Cleanings',
        timeZone: 'Europe/Paris',
        defaultDurationMinutes: 30,
        bufferMinutes: 0,
        slotIntervalMinutes: 30,
        teamMemberIds: [],
      });
      expect(calendar.workingHours.monday).toEqual([{ start: '09:00', end: '17:00' }]);
      expect(calendar.workingHours.saturday).toEqual([]);
      expect(await harness.call(AppointmentsSubjects.calendarsGet, ctx, { id: calendar.id })).toEqual(calendar);

      const second = await harness.call<CalendarView>(AppointmentsSubjects.calendarsCreate, ctx, {
        name: 'Surgery',
        timeZone: 'Europe/Paris',
      });
      const first = await harness.call<Page<CalendarView>>(AppointmentsSubjects.calendarsList, ctx, { limit: 1 });
      expect(first.items.map((item) => item.id)).toEqual([second.id]);
      const rest = await harness.call<Page<CalendarView>>(AppointmentsSubjects.calendarsList, ctx, { limit: 1, cursor: first.nextCursor });
      expect(rest).toEqual({ items: [calendar], nextCursor: null });

      const updated = await harness.call<CalendarView>(AppointmentsSubjects.calendarsUpdate, ctx, {
        id: calendar.id,
        changes: { bufferMinutes: 15, workingHours: { saturday: [{ start: '10:00', end: '14:00' }] }, meetingLinkTemplate: null },
      });
      expect(updated).toMatchObject({
        bufferMinutes: 15,
        meetingLinkTemplate: null,
        workingHours: { monday: [], saturday: [{ start: '10:00', end: '14:00' }] },
      });
      expect(await harness.call(AppointmentsSubjects.calendarsGet, ctx, { id: calendar.id })).toEqual(updated);
    });

    it('rejects bad calendar settings with field-level messages', async () => {
      const ctx = harness.context(uniqueId('tenant'));
      const create = (data: Record<string, unknown>) =>
        harness.callError(AppointmentsSubjects.calendarsCreate, ctx, { name: 'X', timeZone: NEW_YORK, ...data });
      expect(await create({ timeZone: 'Mars/Olympus' })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { timeZone: [expect.stringContaining('IANA time zone')] },
      });
      expect(await create({ name: '' })).toMatchObject({ fields: { name: ['name must not be empty'] } });
      expect(await create({ defaultDurationMinutes: 22 })).toMatchObject({
        fields: { defaultDurationMinutes: ['defaultDurationMinutes must be a multiple of 5 minutes'] },
      });
      expect(await create({ workingHours: { monday: [{ start: '17:00', end: '09:00' }] } })).toMatchObject({
        fields: { workingHours: [expect.stringContaining('end after it starts')] },
      });
      expect(
        await create({
          workingHours: {
            monday: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
          },
        }),
      ).toMatchObject({ fields: { workingHours: [expect.stringContaining('overlap')] } });
      expect(await create({ workingHours: { monday: [{ start: '9am', end: '17:00' }] } })).toMatchObject({
        fields: { 'workingHours.monday.0.start': [expect.stringContaining('HH:mm')] },
      });
      expect(await create({ workingHours: { someday: [] } })).toMatchObject({
        fields: { 'workingHours.someday': ['someday is not a known field'] },
      });
      expect(await create({ teamMemberIds: ['u-nobody'] })).toMatchObject({
        fields: { teamMemberIds: [expect.stringContaining('u-nobody')] },
      });
      expect(await create({ meetingLinkTemplate: 'zoom me' })).toMatchObject({
        fields: { meetingLinkTemplate: [expect.stringContaining('http(s) URL')] },
      });
      expect(await harness.callError(AppointmentsSubjects.calendarsCreate, ctx, {})).toMatchObject({
        fields: { name: expect.any(Array), timeZone: expect.any(Array) },
      });
      expect((await harness.call<Page<CalendarView>>(AppointmentsSubjects.calendarsList, ctx, {})).items).toEqual([]);
    });
  });

  describe('booking', () => {
    it('F30: books an appointment with the calendar defaults and a meeting link from the template', async () => {
      const { ctx, contact, calendar } = await setup({
        defaultDurationMinutes: 45,
        meetingLinkTemplate: 'https://meet.example.com/room-{appointmentId}',
      });
      const monday = nextWeekday(NEW_YORK, 1);
      const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '10:00'), notes: ' Bring X-rays ' });
      expect(appointment).toMatchObject({
        contactId: contact.id,
        calendarId: calendar.id,
        calendarName: 'Consultations',
        timeZone: NEW_YORK,
        title: 'Consultations',
        start: at(monday, '10:00'),
        end: at(monday, '10:45'),
        durationMinutes: 45,
        status: 'booked',
        notes: 'Bring X-rays',
        meetingUrl: `https://meet.example.com/room-${appointment.id}`,
        createdBy: 'u-test',
        assignedUserId: null,
      });
      expect(await harness.call(AppointmentsSubjects.get, ctx, { id: appointment.id })).toEqual(appointment);
    });

    it('F30: rejects bad times with field messages: end before start, past time, off-grid, both end and duration', async () => {
      const { ctx, contact, calendar } = await setup();
      const monday = nextWeekday(NEW_YORK, 1);
      expect(
        await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '10:00'), end: at(monday, '09:30') }),
      ).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { end: ['end must be after start'] },
      });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: '2020-01-06T15:00:00Z' })).toMatchObject({
        fields: { start: ['start must be in the future'] },
      });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '10:03') })).toMatchObject({
        fields: { start: [expect.stringContaining('5-minute boundary')] },
      });
      expect(
        await bookError(ctx, contact.id, {
          calendarId: calendar.id,
          start: at(monday, '10:00'),
          end: at(monday, '10:30'),
          durationMinutes: 30,
        }),
      ).toMatchObject({ fields: { end: [expect.stringContaining('not both')] } });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: '2027-03-09T10:00:00' })).toMatchObject({
        fields: { start: [expect.stringContaining('with an offset')] },
      });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: 'tomorrow' })).toMatchObject({
        fields: { start: [expect.any(String)] },
      });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '10:00'), durationMinutes: 600 })).toMatchObject(
        { fields: { durationMinutes: [expect.any(String)] } },
      );
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '10:00'), colour: 'red' })).toMatchObject({
        fields: { colour: ['colour is not a known field'] },
      });
      const list = await harness.call<Page<AppointmentView>>(AppointmentsSubjects.listForContact, ctx, { contactId: contact.id });
      expect(list.items).toEqual([]);
    });

    it('F30: rejects an unknown calendar, an unknown contact and a non-member assignee', async () => {
      const { ctx, contact, calendar } = await setup();
      const start = at(nextWeekday(NEW_YORK, 1), '10:00');
      expect(await bookError(ctx, contact.id, { calendarId: new Types.ObjectId().toHexString(), start })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { calendarId: [expect.stringContaining('not a calendar')] },
      });
      expect(await bookError(ctx, contact.id, { calendarId: 'nope', start })).toMatchObject({
        fields: { calendarId: ['calendarId must be a calendar id'] },
      });
      expect(await bookError(ctx, new Types.ObjectId().toHexString(), { calendarId: calendar.id, start })).toMatchObject({
        code: 'CONTACT_NOT_FOUND',
      });
      expect(await bookError(ctx, 'not-an-id', { calendarId: calendar.id, start })).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start, assignedUserId: 'u-stranger' })).toMatchObject({
        fields: { assignedUserId: [expect.any(String)] },
      });
    });

    it('F30: rejects a slot outside working hours with 409 SLOT_UNAVAILABLE naming that day’s hours', async () => {
      const { ctx, contact, calendar } = await setup({
        workingHours: {
          monday: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
      });
      const monday = nextWeekday(NEW_YORK, 1);
      for (const [start, end] of [
        ['08:30', '09:30'],
        ['11:30', '12:30'],
        ['16:45', '17:15'],
      ]) {
        expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday, start), end: at(monday, end) })).toMatchObject(
          {
            code: 'SLOT_UNAVAILABLE',
            details: {
              reason: 'outside-working-hours',
              requested: { start: at(monday, start), end: at(monday, end) },
              workingHours: [
                { start: '09:00', end: '12:00' },
                { start: '13:00', end: '17:00' },
              ],
            },
          },
        );
      }
      const tuesday = await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(monday.plus({ days: 1 }), '10:00') });
      expect(tuesday).toMatchObject({
        code: 'SLOT_UNAVAILABLE',
        message: expect.stringContaining('Tuesday: closed'),
        details: { workingHours: [] },
      });
      await book(ctx, contact.id, { calendarId: calendar.id, start: at(monday, '11:30'), end: at(monday, '12:00') });
    });

    it('F30: overlap and buffer: a new appointment keeps the buffer after every other one, on both sides', async () => {
      const { ctx, contact, calendar } = await setup({ bufferMinutes: 15 });
      const day = nextWeekday(NEW_YORK, 3);
      const slot = (start: string, end: string) => ({ calendarId: calendar.id, start: at(day, start), end: at(day, end) });
      const anchor = await book(ctx, contact.id, slot('10:00', '10:30'));

      const conflicts = [
        ['10:00', '10:30'], // the same slot
        ['10:15', '10:45'], // overlapping
        ['09:30', '11:00'], // containing it
        ['10:30', '11:00'], // starting inside the anchor's buffer
        ['09:30', '10:00'], // ending where the anchor starts, leaving no buffer before it
        ['09:45', '10:00'],
      ];
      for (const [start, end] of conflicts) {
        expect(await bookError(ctx, contact.id, slot(start, end))).toMatchObject({
          code: 'SLOT_UNAVAILABLE',
          details: {
            reason: 'overlaps',
            requested: { start: at(day, start), end: at(day, end) },
            conflict: { appointmentId: anchor.id, start: anchor.start, end: anchor.end, bufferMinutes: 15 },
          },
        });
      }
      // Exactly the buffer apart on each side is fine.
      await book(ctx, contact.id, slot('10:45', '11:15'));
      await book(ctx, contact.id, slot('09:15', '09:45'));
      // Another calendar is not affected.
      const other = await harness.call<CalendarView>(AppointmentsSubjects.calendarsCreate, ctx, {
        name: 'Other',
        timeZone: NEW_YORK,
        workingHours: EVERY_DAY,
      });
      await book(ctx, contact.id, { ...slot('10:00', '10:30'), calendarId: other.id });
    });

    it('F30: 20 concurrent bookings of one slot: exactly one wins, the others see the winner as the conflict', async () => {
      const { ctx, contact, calendar } = await setup();
      const start = at(nextWeekday(NEW_YORK, 4), '14:00');
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => book(ctx, contact.id, { calendarId: calendar.id, start })));
      const won = results
        .filter((result) => result.status === 'fulfilled')
        .map((result) => (result as PromiseFulfilledResult<AppointmentView>).value);
      const lost = results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const error of lost)
        expect(error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'overlaps', conflict: { appointmentId: won[0].id } } });
      const claims = harness.service.app.get<Model<SlotClaimDocument>>(getModelToken(SLOT_CLAIM_MODEL));
      expect(await claims.countDocuments({ tenantId: ctx.tenantId })).toBe(6);
    });

    it('F30: overlapping (not identical) concurrent bookings never both win', async () => {
      const { ctx, contact, calendar } = await setup({ bufferMinutes: 10 });
      const day = nextWeekday(NEW_YORK, 2);
      const starts = ['10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35'];
      const results = await Promise.allSettled(
        starts.map((start) => book(ctx, contact.id, { calendarId: calendar.id, start: at(day, start), durationMinutes: 30 })),
      );
      const won = results
        .filter((result) => result.status === 'fulfilled')
        .map((result) => (result as PromiseFulfilledResult<AppointmentView>).value);
      expect(won.length).toBeGreaterThanOrEqual(1);
      const sorted = won.map((item) => [Date.parse(item.start), Date.parse(item.end)]).sort((a, b) => a[0] - b[0]);
      for (let index = 1; index < sorted.length; index++)
        expect(sorted[index][0] - sorted[index - 1][1]).toBeGreaterThanOrEqual(10 * 60_000);
    });

    it('F30: claims left behind by a crashed booking are taken back once they are old, not while a booking may be in flight', async () => {
      const { ctx, contact, calendar } = await setup();
      const start = at(nextWeekday(NEW_YORK, 5), '15:00');
      const claims = harness.service.app.get<Model<SlotClaimDocument>>(getModelToken(SLOT_CLAIM_MODEL));
      const ghost = {
        tenantId: ctx.tenantId,
        calendarId: new Types.ObjectId(calendar.id),
        appointmentId: new Types.ObjectId(),
        slot: new Date(start),
      };
      await claims.insertMany([{ ...ghost, claimToken: 'crashed', claimedAt: new Date() }]);
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start })).toMatchObject({
        code: 'SLOT_UNAVAILABLE',
        details: { conflict: { appointmentId: String(ghost.appointmentId) } },
      });
      await claims.updateOne(
        { tenantId: ctx.tenantId, calendarId: ghost.calendarId, appointmentId: ghost.appointmentId },
        { $set: { claimedAt: new Date(Date.now() - 120_000) } },
      );
      await book(ctx, contact.id, { calendarId: calendar.id, start });
    });
  });

  describe('changes', () => {
    it('F30: reschedules (also onto its own slots), frees the old time, and refuses a conflicting move unchanged', async () => {
      const { ctx, contact, calendar } = await setup({ bufferMinutes: 5 });
      const day = nextWeekday(NEW_YORK, 2);
      const first = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '10:00') });
      const second = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '11:00') });

      const moved = await update(ctx, first.id, { start: at(day, '10:15') });
      expect(moved).toMatchObject({ start: at(day, '10:15'), end: at(day, '10:45'), durationMinutes: 30 });
      const longer = await update(ctx, first.id, { durationMinutes: 40 });
      expect(longer).toMatchObject({ start: at(day, '10:15'), end: at(day, '10:55') });

      const refused = await updateError(ctx, second.id, { start: at(day, '10:30') });
      expect(refused).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { conflict: { appointmentId: first.id } } });
      expect(await harness.call(AppointmentsSubjects.get, ctx, { id: second.id })).toMatchObject({ start: at(day, '11:00') });

      await update(ctx, first.id, { start: at(day, '14:00'), end: at(day, '14:30') });
      // 10:00–11:00 is free again, right up to the second appointment's start minus the buffer.
      await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '10:00'), end: at(day, '10:55') });
      const claims = harness.service.app.get<Model<SlotClaimDocument>>(getModelToken(SLOT_CLAIM_MODEL));
      expect(
        await claims.countDocuments({
          tenantId: ctx.tenantId,
          calendarId: new Types.ObjectId(calendar.id),
          appointmentId: new Types.ObjectId(first.id),
        }),
      ).toBe(7);
    });

    it('F30: concurrent changes of one appointment are applied one after another, none lost', async () => {
      const { ctx, contact, calendar } = await setup();
      const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(nextWeekday(NEW_YORK, 1), '15:00') });
      const watcher = await harness.watchEvents(ctx.tenantId);
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, index) => update(ctx, appointment.id, { notes: `note ${index}` })),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(8);
        const appointments = harness.service.app.get<Model<AppointmentDocument>>(getModelToken(APPOINTMENT_MODEL));
        const stored = await appointments.findOne({ _id: appointment.id, tenantId: ctx.tenantId }).lean();
        // Every change lands: a writer that loses the version race reads again and reapplies (VersionedStore).
        expect(stored?.version).toBe(8);
        const events = await eventually(
          () => watcher.events,
          (list) => list.length >= 8,
        );
        expect(events.filter((event) => event.type === AppointmentEventTypes.updated)).toHaveLength(8);
        expect(stored?.outbox).toEqual([]);
      } finally {
        await watcher.stop();
      }
    });

    it('F30: concurrent reschedules of one appointment leave it guarded by exactly its final slots', async () => {
      const { ctx, contact, calendar } = await setup({ bufferMinutes: 10 });
      const day = nextWeekday(NEW_YORK, 3);
      const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '10:00') });
      await Promise.allSettled(
        ['10:15', '10:20', '10:25', '11:00', '13:00', '09:30'].map((time) => update(ctx, appointment.id, { start: at(day, time) })),
      );
      const final = await harness.call<AppointmentView>(AppointmentsSubjects.get, ctx, { id: appointment.id });
      const claims = harness.service.app.get<Model<SlotClaimDocument>>(getModelToken(SLOT_CLAIM_MODEL));
      const held = (
        await claims
          .find({ tenantId: ctx.tenantId, calendarId: new Types.ObjectId(calendar.id), appointmentId: new Types.ObjectId(appointment.id) })
          .sort({ slot: 1 })
          .lean()
      ).map((claim) => claim.slot.toISOString());
      const expected = Array.from({ length: 8 }, (_, index) => new Date(Date.parse(final.start) + index * 5 * 60_000).toISOString());
      expect(held).toEqual(expected);
      expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: final.start })).toMatchObject({
        code: 'SLOT_UNAVAILABLE',
        details: { conflict: { appointmentId: appointment.id } },
      });
    });

    it('F30: cancelling frees the slot and is final; status changes follow the rules', async () => {
      const { ctx, contact, calendar } = await setup();
      const day = nextWeekday(NEW_YORK, 4);
      const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '09:00') });
      expect(await update(ctx, appointment.id, { status: 'confirmed' })).toMatchObject({ status: 'confirmed' });
      expect(await updateError(ctx, appointment.id, { status: 'showed' })).toMatchObject({
        code: 'APPOINTMENT_STATUS_CONFLICT',
        message: expect.stringContaining('once it has started'),
      });
      expect(await updateError(ctx, appointment.id, { status: 'sleeping' })).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { status: [expect.stringContaining('booked, confirmed')] },
      });
      expect(await updateError(ctx, appointment.id, { cancellationReason: 'x' })).toMatchObject({
        fields: { cancellationReason: [expect.any(String)] },
      });

      const cancelled = await harness.call<AppointmentView>(AppointmentsSubjects.cancel, ctx, {
        id: appointment.id,
        reason: 'Patient is ill',
      });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: 'Patient is ill' });
      expect(await harness.call(AppointmentsSubjects.cancel, ctx, { id: appointment.id })).toMatchObject({ status: 'cancelled' });
      expect(await updateError(ctx, appointment.id, { status: 'booked' })).toMatchObject({ code: 'APPOINTMENT_STATUS_CONFLICT' });
      expect(await updateError(ctx, appointment.id, { start: at(day, '11:00') })).toMatchObject({
        code: 'APPOINTMENT_STATUS_CONFLICT',
        message: expect.stringContaining('cannot be rescheduled'),
      });
      await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '09:00') });

      // Outcomes are recorded once the appointment has started.
      const past = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '13:00') });
      const appointments = harness.service.app.get<Model<AppointmentDocument>>(getModelToken(APPOINTMENT_MODEL));
      await appointments.updateOne(
        { _id: past.id, tenantId: ctx.tenantId },
        { $set: { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() - 1_800_000) } },
      );
      expect(await update(ctx, past.id, { status: 'no-show' })).toMatchObject({ status: 'no-show' });
      expect(await update(ctx, past.id, { status: 'showed', notes: 'Arrived late' })).toMatchObject({
        status: 'showed',
        notes: 'Arrived late',
      });
      expect(await updateError(ctx, past.id, { status: 'cancelled' })).toMatchObject({ code: 'APPOINTMENT_STATUS_CONFLICT' });
    });

    it('F30: deleting a contact cancels its upcoming appointments and frees their time', async () => {
      const { ctx, contact, calendar } = await setup();
      const day = nextWeekday(NEW_YORK, 2);
      const first = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '09:00') });
      const second = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '12:00') });
      await harness.call(ContactsSubjects.delete, harness.context(ctx.tenantId, 'u-admin'), { id: contact.id });
      const appointments = harness.service.app.get<Model<AppointmentDocument>>(getModelToken(APPOINTMENT_MODEL));
      const statuses = async () =>
        (await appointments.find({ tenantId: ctx.tenantId, contactId: new Types.ObjectId(contact.id) }).lean()).map((row) => row.status);
      let current: string[] = [];
      for (let waited = 0; waited < 10_000 && !(current.length === 2 && current.every((status) => status === 'cancelled')); waited += 100) {
        current = await statuses();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(current).toEqual(['cancelled', 'cancelled']);
      expect(await harness.call(AppointmentsSubjects.get, ctx, { id: first.id })).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'The contact was deleted',
      });
      const someoneElse = await harness.createContact(ctx, 'Ben');
      await book(ctx, someoneElse.id, { calendarId: calendar.id, start: second.start });
    });

    it('F30: every change is published: created, rescheduled, status-changed, updated, cancelled', async () => {
      const { ctx, contact, calendar } = await setup();
      const watcher = await harness.watchEvents(ctx.tenantId);
      try {
        const day = nextWeekday(NEW_YORK, 5);
        const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '10:00') });
        await update(ctx, appointment.id, { start: at(day, '11:00') });
        await update(ctx, appointment.id, { status: 'confirmed', notes: 'Call first' });
        await harness.call(AppointmentsSubjects.cancel, ctx, { id: appointment.id, reason: 'Moved away' });
        const events = await eventually(
          () => watcher.events,
          (list) => list.length >= 5,
        );
        expect(events.map((event) => event.type)).toEqual([
          AppointmentEventTypes.created,
          AppointmentEventTypes.rescheduled,
          AppointmentEventTypes.statusChanged,
          AppointmentEventTypes.updated,
          AppointmentEventTypes.cancelled,
        ]);
        expect(events[1]).toMatchObject({
          tenantId: ctx.tenantId,
          actor: { userId: 'u-test' },
          data: {
            appointmentId: appointment.id,
            contactId: contact.id,
            calendarId: calendar.id,
            before: { start: at(day, '10:00'), end: at(day, '10:30') },
            after: { start: at(day, '11:00'), end: at(day, '11:30') },
          },
        });
        expect(events[4].data).toMatchObject({
          before: { status: 'confirmed', cancellationReason: null },
          after: { status: 'cancelled', cancellationReason: 'Moved away' },
        });
        const stored = harness.service.app.get<Model<AppointmentDocument>>(getModelToken(APPOINTMENT_MODEL));
        await eventually(
          () => null,
          () => true,
          200,
        );
        expect((await stored.findOne({ _id: appointment.id, tenantId: ctx.tenantId }).lean())?.outbox).toEqual([]);
      } finally {
        await watcher.stop();
      }
    });
  });

  describe('listing', () => {
    it('F30: lists a contact’s upcoming appointments soonest first, by cursor, without cancelled ones unless asked', async () => {
      const { ctx, contact, calendar } = await setup();
      const other = await harness.createContact(ctx, 'Ben');
      const day = nextWeekday(NEW_YORK, 1);
      const booked: AppointmentView[] = [];
      for (const [offset, time] of [
        [2, '10:00'],
        [0, '15:00'],
        [1, '09:00'],
        [0, '09:00'],
        [3, '12:00'],
      ] as const) {
        booked.push(await book(ctx, contact.id, { calendarId: calendar.id, start: at(day.plus({ days: offset }), time) }));
      }
      await book(ctx, other.id, { calendarId: calendar.id, start: at(day, '11:00') });
      await harness.call(AppointmentsSubjects.cancel, ctx, { id: booked[4].id });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<AppointmentView> = await harness.call(AppointmentsSubjects.listForContact, ctx, {
          contactId: contact.id,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((item) => item.start));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([at(day, '09:00'), at(day, '15:00'), at(day.plus({ days: 1 }), '09:00'), at(day.plus({ days: 2 }), '10:00')]);

      const all = await harness.call<Page<AppointmentView>>(AppointmentsSubjects.listForContact, ctx, {
        contactId: contact.id,
        includeCancelled: true,
      });
      expect(all.items.map((item) => item.status)).toEqual(['booked', 'booked', 'booked', 'booked', 'cancelled']);
      expect(all.items[0]).toMatchObject({ calendarName: 'Consultations', durationMinutes: 30 });

      const appointments = harness.service.app.get<Model<AppointmentDocument>>(getModelToken(APPOINTMENT_MODEL));
      await appointments.updateOne(
        { _id: booked[0].id, tenantId: ctx.tenantId },
        { $set: { start: new Date(Date.now() - 7_200_000), end: new Date(Date.now() - 5_400_000) } },
      );
      const past = await harness.call<Page<AppointmentView>>(AppointmentsSubjects.listForContact, ctx, {
        contactId: contact.id,
        when: 'past',
      });
      expect(past.items.map((item) => item.id)).toEqual([booked[0].id]);
      expect(await harness.callError(AppointmentsSubjects.listForContact, ctx, { contactId: contact.id, when: 'someday' })).toMatchObject({
        fields: { when: ['when must be upcoming or past'] },
      });
    });
  });

  describe('free slots and DST', () => {
    it('F30: lists free slots in the calendar’s zone, skipping booked time and its buffer', async () => {
      const { ctx, contact, calendar } = await setup({ bufferMinutes: 15, slotIntervalMinutes: 15, defaultDurationMinutes: 60 });
      const day = nextWeekday(NEW_YORK, 3);
      await book(ctx, contact.id, { calendarId: calendar.id, start: at(day, '11:00') });
      const view = await harness.call<FreeSlotsView>(AppointmentsSubjects.freeSlots, ctx, {
        calendarId: calendar.id,
        from: day.toISODate(),
        to: day.toISODate(),
      });
      const starts = view.days[0].slots.map((slot) => slot.localStart);
      expect(view).toMatchObject({ calendarId: calendar.id, timeZone: NEW_YORK, durationMinutes: 60 });
      expect(starts[0]).toBe('09:00');
      expect(starts).toContain('09:45');
      expect(starts).not.toContain('10:00');
      expect(starts).not.toContain('12:00');
      expect(starts).toContain('12:15');
      expect(starts.at(-1)).toBe('16:00');
      // Every listed slot is bookable.
      await book(ctx, contact.id, {
        calendarId: calendar.id,
        start: view.days[0].slots.find((slot) => slot.localStart === '09:45')?.start,
      });
      await book(ctx, contact.id, {
        calendarId: calendar.id,
        start: view.days[0].slots.find((slot) => slot.localStart === '12:15')?.start,
      });

      expect(
        await harness.callError(AppointmentsSubjects.freeSlots, ctx, {
          calendarId: calendar.id,
          from: day.toISODate(),
          to: day.minus({ days: 1 }).toISODate(),
        }),
      ).toMatchObject({ fields: { to: ['to must not be before from'] } });
      expect(await harness.callError(AppointmentsSubjects.freeSlots, ctx, { calendarId: calendar.id, from: 'soon' })).toMatchObject({
        fields: { from: [expect.any(String)], to: [expect.any(String)] },
      });
    });

    it('F30: 09:00–17:00 New York stays 09:00–17:00 local across the coming March and November changes', async () => {
      const { ctx, contact, calendar } = await setup({ slotIntervalMinutes: 60, defaultDurationMinutes: 60 });
      for (const change of Object.values(nextUsDstChanges())) {
        const days = await harness.call<FreeSlotsView>(AppointmentsSubjects.freeSlots, ctx, {
          calendarId: calendar.id,
          from: change.minus({ days: 1 }).toISODate(),
          to: change.plus({ days: 1 }).toISODate(),
        });
        const offsets = days.days.map((day) => DateTime.fromISO(day.slots[0].start, { zone: NEW_YORK }).offset);
        for (const day of days.days) {
          expect(day.slots.map((slot) => slot.localStart)).toEqual([
            '09:00',
            '10:00',
            '11:00',
            '12:00',
            '13:00',
            '14:00',
            '15:00',
            '16:00',
          ]);
        }
        // The UTC time of 09:00 moves by an hour across the change.
        expect(new Set(offsets).size).toBe(2);
        expect(offsets[0]).not.toBe(offsets[2]);

        // Booking follows local time on both sides: 09:00 fits, 08:00 does not (whatever its UTC time).
        for (const date of [change.minus({ days: 1 }), change.plus({ days: 1 })]) {
          const local = DateTime.fromISO(date.toISODate() as string, { zone: NEW_YORK });
          const booked = await book(ctx, contact.id, { calendarId: calendar.id, start: at(local, '09:00') });
          expect(DateTime.fromISO(booked.start, { zone: NEW_YORK }).toFormat('HH:mm')).toBe('09:00');
          expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(local, '08:00') })).toMatchObject({
            code: 'SLOT_UNAVAILABLE',
            details: { reason: 'outside-working-hours' },
          });
          expect(await bookError(ctx, contact.id, { calendarId: calendar.id, start: at(local, '16:30') })).toMatchObject({
            code: 'SLOT_UNAVAILABLE',
          });
        }
      }
    });
  });

  describe('tenancy', () => {
    it('F36: another tenant finds none of a tenant’s calendars or appointments', async () => {
      const { ctx, contact, calendar } = await setup();
      const appointment = await book(ctx, contact.id, { calendarId: calendar.id, start: at(nextWeekday(NEW_YORK, 1), '10:00') });
      const intruder = harness.context(uniqueId('tenant'));
      const intruderContact = await harness.createContact(intruder, 'Eve');
      expect(await harness.callError(AppointmentsSubjects.calendarsGet, intruder, { id: calendar.id })).toMatchObject({
        code: 'CALENDAR_NOT_FOUND',
      });
      expect(
        await harness.callError(AppointmentsSubjects.calendarsUpdate, intruder, { id: calendar.id, changes: { name: 'Mine' } }),
      ).toMatchObject({ code: 'CALENDAR_NOT_FOUND' });
      expect(
        await harness.callError(AppointmentsSubjects.freeSlots, intruder, {
          calendarId: calendar.id,
          from: '2027-01-04',
          to: '2027-01-05',
        }),
      ).toMatchObject({ code: 'CALENDAR_NOT_FOUND' });
      expect(await harness.callError(AppointmentsSubjects.get, intruder, { id: appointment.id })).toMatchObject({
        code: 'APPOINTMENT_NOT_FOUND',
      });
      expect(
        await harness.callError(AppointmentsSubjects.update, intruder, { id: appointment.id, changes: { status: 'confirmed' } }),
      ).toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });
      expect(await harness.callError(AppointmentsSubjects.cancel, intruder, { id: appointment.id })).toMatchObject({
        code: 'APPOINTMENT_NOT_FOUND',
      });
      expect(await harness.callError(AppointmentsSubjects.listForContact, intruder, { contactId: contact.id })).toMatchObject({
        code: 'CONTACT_NOT_FOUND',
      });
      expect(
        await bookError(intruder, intruderContact.id, { calendarId: calendar.id, start: at(nextWeekday(NEW_YORK, 1), '12:00') }),
      ).toMatchObject({ fields: { calendarId: [expect.any(String)] } });
      expect((await harness.call<Page<CalendarView>>(AppointmentsSubjects.calendarsList, intruder, {})).items).toEqual([]);
      expect(await harness.call(AppointmentsSubjects.get, ctx, { id: appointment.id })).toEqual(appointment);
    });
  });
});
