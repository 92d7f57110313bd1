import {
  AppointmentEventTypes,
  type AppointmentView,
  type CalendarView,
  type ContactView,
  type FreeSlotsView,
} from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { DateTime } from 'luxon';
import { type Backend, EventStreamReader, GatewayUnderTest, startBackend } from './harness';

const NEW_YORK = 'America/New_York';
const WEEKDAYS_9_TO_5 = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
);

/** A weekday at least two days ahead, and an instant on it at a New York wall-clock time. */
function nextWeekday(weekday: number): DateTime {
  let date = DateTime.now().setZone(NEW_YORK).startOf('day').plus({ days: 2 });
  while (date.weekday !== weekday) date = date.plus({ days: 1 });
  return date;
}
const at = (date: DateTime, time: string) =>
  date
    .set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) })
    .toUTC()
    .toISO() as string;

/** F30 through HTTP: calendars, free slots, booking without double booking, a contact's appointments. */
describe('gateway: F30 appointments API', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let auth: { Authorization: string };
  let contact: ContactView;
  let calendar: CalendarView;

  beforeAll(async () => {
    backend = await startBackend({ appointments: true });
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });
  beforeEach(async () => {
    auth = await gateway.as(uniqueId('tenant'), 'u-ana');
    contact = (await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Ana', lastName: 'Lima' }).expect(201)).body;
    calendar = (
      await gateway
        .http()
        .post('/api/v1/calendars')
        .set(auth)
        .send({ name: 'Consultations', timeZone: NEW_YORK, bufferMinutes: 10, workingHours: WEEKDAYS_9_TO_5 })
        .expect(201)
    ).body;
  });

  it('F30: calendars: create (201), list, read, update, free slots', async () => {
    expect(calendar).toMatchObject({
      name: 'Consultations',
      timeZone: NEW_YORK,
      defaultDurationMinutes: 30,
      bufferMinutes: 10,
      workingHours: { monday: [{ start: '09:00', end: '17:00' }], sunday: [] },
    });
    expect((await gateway.http().get('/api/v1/calendars').set(auth).expect(200)).body).toEqual({ items: [calendar], nextCursor: null });
    expect((await gateway.http().get(`/api/v1/calendars/${calendar.id}`).set(auth).expect(200)).body).toEqual(calendar);
    const updated = (
      await gateway
        .http()
        .patch(`/api/v1/calendars/${calendar.id}`)
        .set(auth)
        .send({ slotIntervalMinutes: 60, defaultDurationMinutes: 60 })
        .expect(200)
    ).body as CalendarView;
    expect(updated).toMatchObject({ slotIntervalMinutes: 60, defaultDurationMinutes: 60 });

    const monday = nextWeekday(1);
    const slots = (
      await gateway
        .http()
        .get(`/api/v1/calendars/${calendar.id}/free-slots`)
        .query({ from: monday.toISODate(), to: monday.plus({ days: 1 }).toISODate() })
        .set(auth)
        .expect(200)
    ).body as FreeSlotsView;
    expect(slots.days.map((day) => day.date)).toEqual([monday.toISODate(), monday.plus({ days: 1 }).toISODate()]);
    expect(slots.days[0].slots.map((slot) => slot.localStart)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(slots.days[0].slots[0]).toEqual({ start: at(monday, '09:00'), end: at(monday, '10:00'), localStart: '09:00' });
  });

  it('F30: books (201), lists upcoming for the contact, views, reschedules, confirms and cancels', async () => {
    const day = nextWeekday(2);
    const booked = (
      await gateway
        .http()
        .post(`/api/v1/contacts/${contact.id}/appointments`)
        .set(auth)
        .send({ calendarId: calendar.id, start: at(day, '10:00'), title: 'First visit' })
        .expect(201)
    ).body as AppointmentView;
    expect(booked).toMatchObject({
      contactId: contact.id,
      calendarId: calendar.id,
      calendarName: 'Consultations',
      title: 'First visit',
      start: at(day, '10:00'),
      end: at(day, '10:30'),
      durationMinutes: 30,
      status: 'booked',
      createdBy: 'u-ana',
    });
    const later = (
      await gateway
        .http()
        .post(`/api/v1/contacts/${contact.id}/appointments`)
        .set(auth)
        .send({ calendarId: calendar.id, start: at(day.plus({ days: 1 }), '09:00'), durationMinutes: 60 })
        .expect(201)
    ).body as AppointmentView;

    const upcoming = (await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).set(auth).expect(200)).body;
    expect(upcoming).toEqual({ items: [booked, later], nextCursor: null });
    const firstPage = (await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).query({ limit: 1 }).set(auth).expect(200))
      .body;
    expect(firstPage.items).toEqual([booked]);
    expect(
      (
        await gateway
          .http()
          .get(`/api/v1/contacts/${contact.id}/appointments`)
          .query({ limit: 1, cursor: firstPage.nextCursor })
          .set(auth)
          .expect(200)
      ).body,
    ).toEqual({ items: [later], nextCursor: null });
    expect((await gateway.http().get(`/api/v1/appointments/${booked.id}`).set(auth).expect(200)).body).toEqual(booked);

    const moved = (
      await gateway
        .http()
        .patch(`/api/v1/appointments/${booked.id}`)
        .set(auth)
        .send({ start: at(day, '14:00'), status: 'confirmed', notes: 'Ring the bell' })
        .expect(200)
    ).body;
    expect(moved).toMatchObject({ start: at(day, '14:00'), end: at(day, '14:30'), status: 'confirmed', notes: 'Ring the bell' });
    const cancelled = (
      await gateway.http().post(`/api/v1/appointments/${booked.id}/cancel`).set(auth).send({ reason: 'Travelling' }).expect(200)
    ).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: 'Travelling' });
    await gateway.http().post(`/api/v1/appointments/${later.id}/cancel`).set(auth).expect(200);
    expect((await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).set(auth).expect(200)).body.items).toEqual([]);
    expect(
      (await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).query({ includeCancelled: 'true' }).set(auth).expect(200))
        .body.items,
    ).toHaveLength(2);
  });

  it('F30: 20 concurrent bookings of one slot: exactly one 201, nineteen 409 naming the conflicting slot', async () => {
    const start = at(nextWeekday(3), '11:00');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        gateway.http().post(`/api/v1/contacts/${contact.id}/appointments`).set(auth).send({ calendarId: calendar.id, start }),
      ),
    );
    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const winner = created[0].body as AppointmentView;
    for (const response of refused) {
      expect(response.body).toEqual({
        error: {
          code: 'SLOT_UNAVAILABLE',
          message: expect.stringContaining('overlaps another appointment'),
          details: {
            reason: 'overlaps',
            requested: { start, end: winner.end },
            conflict: { appointmentId: winner.id, start: winner.start, end: winner.end, bufferMinutes: 10 },
          },
        },
      });
    }
    expect((await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).set(auth).expect(200)).body.items).toEqual([winner]);
  });

  it('F30: overlap, buffer and working hours answer 409 with the reason; a reschedule into a taken slot too', async () => {
    const day = nextWeekday(4);
    const post = (body: Record<string, unknown>) =>
      gateway
        .http()
        .post(`/api/v1/contacts/${contact.id}/appointments`)
        .set(auth)
        .send({ calendarId: calendar.id, ...body });
    const anchor = (await post({ start: at(day, '10:00') }).expect(201)).body as AppointmentView;
    expect((await post({ start: at(day, '10:30') }).expect(409)).body.error.details).toMatchObject({
      reason: 'overlaps',
      conflict: { appointmentId: anchor.id },
    });
    await post({ start: at(day, '10:40') }).expect(201);
    const closed = (await post({ start: at(day, '17:00') }).expect(409)).body.error;
    expect(closed).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      details: { reason: 'outside-working-hours', workingHours: [{ start: '09:00', end: '17:00' }] },
    });
    const saturday = (await post({ start: at(nextWeekday(6), '10:00') }).expect(409)).body.error;
    expect(saturday.message).toContain('Saturday: closed');

    const other = (await post({ start: at(day, '13:00') }).expect(201)).body as AppointmentView;
    const refused = (
      await gateway
        .http()
        .patch(`/api/v1/appointments/${other.id}`)
        .set(auth)
        .send({ start: at(day, '10:15') })
        .expect(409)
    ).body.error;
    expect(refused.details.conflict.appointmentId).toBe(anchor.id);
  });

  it('F30: bad input answers 4xx with field messages and books nothing', async () => {
    const day = nextWeekday(1);
    const post = (body: Record<string, unknown>) => gateway.http().post(`/api/v1/contacts/${contact.id}/appointments`).set(auth).send(body);
    const fields = async (body: Record<string, unknown>) => (await post(body).expect(422)).body.error.fields;
    expect(await fields({ calendarId: calendar.id, start: at(day, '10:00'), end: at(day, '09:00') })).toEqual({
      end: ['end must be after start'],
    });
    expect(await fields({ calendarId: calendar.id, start: '2021-05-03T14:00:00Z' })).toEqual({ start: ['start must be in the future'] });
    expect(await fields({ calendarId: '65f0c0ffee0000000000beef', start: at(day, '10:00') })).toEqual({
      calendarId: [expect.stringContaining('not a calendar')],
    });
    expect(await fields({ calendarId: 'x', start: 'noon' })).toEqual({
      calendarId: ['calendarId must be a calendar id'],
      start: [expect.stringContaining('ISO 8601')],
    });
    expect(await fields({ start: at(day, '10:00') })).toEqual({ calendarId: ['calendarId must be a calendar id'] });
    expect(await fields({ calendarId: calendar.id, start: at(day, '10:00'), durationMinutes: 7 })).toEqual({
      durationMinutes: ['durationMinutes must be a multiple of 5 minutes'],
    });
    expect(await fields({ calendarId: calendar.id, start: at(day, '10:00'), room: 4 })).toEqual({ room: ['room is not a known field'] });
    await post({ calendarId: calendar.id, start: at(day, '10:00') })
      .set('content-type', 'application/json')
      .send('{"start":')
      .expect(400);

    const calendarFields = async (body: Record<string, unknown>) =>
      (await gateway.http().post('/api/v1/calendars').set(auth).send(body).expect(422)).body.error.fields;
    expect(await calendarFields({ name: 'X', timeZone: 'Atlantis/Capital' })).toEqual({
      timeZone: [expect.stringContaining('IANA time zone')],
    });
    expect(await calendarFields({ name: 'X', timeZone: NEW_YORK, workingHours: { monday: [{ start: '17:00', end: '09:00' }] } })).toEqual({
      workingHours: [expect.stringContaining('end after it starts')],
    });
    expect(await calendarFields({ name: 'X', timeZone: NEW_YORK, bufferMinutes: -5 })).toEqual({
      bufferMinutes: [expect.stringContaining('must not be less than 0')],
    });

    const slotFields = (
      await gateway.http().get(`/api/v1/calendars/${calendar.id}/free-slots`).query({ from: '2027-02-30' }).set(auth).expect(422)
    ).body.error.fields;
    expect(Object.keys(slotFields).sort()).toEqual(['to']);
    expect(
      (
        await gateway
          .http()
          .get(`/api/v1/calendars/${calendar.id}/free-slots`)
          .query({ from: '2027-01-01', to: '2027-03-01' })
          .set(auth)
          .expect(422)
      ).body.error.fields,
    ).toEqual({ to: [expect.stringContaining('31 days')] });
    expect(
      (await gateway.http().patch(`/api/v1/appointments/65f0c0ffee0000000000beef`).set(auth).send({ status: 'done' }).expect(422)).body
        .error.fields,
    ).toEqual({ status: [expect.any(String)] });
    const kept = (await post({ calendarId: calendar.id, start: at(day, '16:00') }).expect(201)).body as AppointmentView;
    expect(
      (await gateway.http().post(`/api/v1/appointments/${kept.id}/cancel`).set(auth).send({ why: 'x' }).expect(422)).body.error.fields,
    ).toEqual({ why: ['why is not a known field'] });
    await gateway.http().post(`/api/v1/appointments/${kept.id}/cancel`).set(auth).send([1]).expect(422);
    expect((await gateway.http().get(`/api/v1/appointments/${kept.id}`).set(auth).expect(200)).body.status).toBe('booked');
    await gateway.http().post(`/api/v1/appointments/${kept.id}/cancel`).set(auth).expect(200);

    // Malformed or unknown ids: 404 with the resource's code.
    expect((await gateway.http().get('/api/v1/calendars/nope').set(auth).expect(404)).body.error.code).toBe('CALENDAR_NOT_FOUND');
    expect((await gateway.http().get('/api/v1/appointments/nope').set(auth).expect(404)).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await gateway.http().get('/api/v1/appointments/65f0c0ffee0000000000beef').set(auth).expect(404)).body.error.code).toBe(
      'APPOINTMENT_NOT_FOUND',
    );
    expect(
      (
        await gateway
          .http()
          .post('/api/v1/contacts/nope/appointments')
          .set(auth)
          .send({ calendarId: calendar.id, start: at(day, '10:00') })
          .expect(404)
      ).body.error.code,
    ).toBe('CONTACT_NOT_FOUND');
    expect((await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).set(auth).expect(200)).body.items).toEqual([]);
  });

  it('F36: another tenant gets 404 for calendars, appointments and the contact’s appointments', async () => {
    const day = nextWeekday(5);
    const appointment = (
      await gateway
        .http()
        .post(`/api/v1/contacts/${contact.id}/appointments`)
        .set(auth)
        .send({ calendarId: calendar.id, start: at(day, '09:00') })
        .expect(201)
    ).body as AppointmentView;
    const intruder = await gateway.as(uniqueId('tenant'), 'u-eve');
    expect((await gateway.http().get(`/api/v1/calendars/${calendar.id}`).set(intruder).expect(404)).body.error.code).toBe(
      'CALENDAR_NOT_FOUND',
    );
    await gateway.http().patch(`/api/v1/calendars/${calendar.id}`).set(intruder).send({ name: 'Mine' }).expect(404);
    await gateway
      .http()
      .get(`/api/v1/calendars/${calendar.id}/free-slots`)
      .query({ from: day.toISODate(), to: day.toISODate() })
      .set(intruder)
      .expect(404);
    expect((await gateway.http().get(`/api/v1/appointments/${appointment.id}`).set(intruder).expect(404)).body.error.code).toBe(
      'APPOINTMENT_NOT_FOUND',
    );
    await gateway.http().patch(`/api/v1/appointments/${appointment.id}`).set(intruder).send({ status: 'confirmed' }).expect(404);
    await gateway.http().post(`/api/v1/appointments/${appointment.id}/cancel`).set(intruder).expect(404);
    await gateway.http().get(`/api/v1/contacts/${contact.id}/appointments`).set(intruder).expect(404);
    expect((await gateway.http().get('/api/v1/calendars').set(intruder).expect(200)).body.items).toEqual([]);
    expect((await gateway.http().get(`/api/v1/appointments/${appointment.id}`).set(auth).expect(200)).body).toEqual(appointment);
  });

  it('F30/F11: appointment changes reach the live event stream', async () => {
    const tenantId = uniqueId('tenant');
    const token = await gateway.token(tenantId, 'u-ana');
    const headers = { Authorization: `Bearer ${token}` };
    const reader = await EventStreamReader.open(`${gateway.url}/api/v1/events`, headers);
    try {
      const person = (await gateway.http().post('/api/v1/contacts').set(headers).send({ firstName: 'Zoë' }).expect(201))
        .body as ContactView;
      const own = (await gateway.http().post('/api/v1/calendars').set(headers).send({ name: 'Demo', timeZone: NEW_YORK }).expect(201))
        .body as CalendarView;
      const appointment = (
        await gateway
          .http()
          .post(`/api/v1/contacts/${person.id}/appointments`)
          .set(headers)
          .send({ calendarId: own.id, start: at(nextWeekday(2), '15:00') })
          .expect(201)
      ).body as AppointmentView;
      await gateway.http().post(`/api/v1/appointments/${appointment.id}/cancel`).set(headers).expect(200);
      const events = await reader.waitFor(4);
      expect(events.map((event) => event.event)).toEqual([
        'evt.contacts.created',
        AppointmentEventTypes.calendarCreated,
        AppointmentEventTypes.created,
        AppointmentEventTypes.cancelled,
      ]);
      expect(events[2].data).toMatchObject({
        tenantId,
        data: { appointmentId: appointment.id, contactId: person.id, after: { start: appointment.start, status: 'booked' } },
      });
    } finally {
      reader.close();
    }
  });

  it('documents the appointment routes in the OpenAPI document', async () => {
    const document = (await gateway.http().get('/api/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/calendars',
      '/api/v1/calendars/{id}',
      '/api/v1/calendars/{id}/free-slots',
      '/api/v1/contacts/{contactId}/appointments',
      '/api/v1/appointments/{id}',
      '/api/v1/appointments/{id}/cancel',
    ]) {
      expect(document.paths[path]).toBeDefined();
    }
    expect(document.paths['/api/v1/contacts/{contactId}/appointments'].post.responses['409']).toBeDefined();
    const references = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(references.filter((name) => !document.components.schemas[name])).toEqual([]);
  });
});
