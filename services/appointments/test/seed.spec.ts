import {
  AppointmentsSubjects,
  type AppointmentView,
  type CalendarView,
  type ContactListItem,
  ContactsSubjects,
  type Page,
} from '@conversations/contracts';
import { runSeed } from '@conversations/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';
import { seedDemoData } from '../src/seed/seed';
import { AppointmentsHarness } from './harness';

describe('appointments demo data', () => {
  let harness: AppointmentsHarness;
  beforeAll(async () => {
    harness = await AppointmentsHarness.start();
    // The demo tenants' contacts, through the contacts service's own seed entry point.
    await runSeed('contacts', { MONGO_URL: harness.config.MONGO_URL, MONGO_DB: harness.contactsDatabase });
    // Seeding 500 demo contacts into FerretDB takes about a minute on a busy two-core machine.
  }, 180_000);
  afterAll(() => harness?.stop());

  it('seeds calendars and upcoming/past appointments for acme and globex, once', async () => {
    const connection = harness.service.app.get<Connection>(getConnectionToken());
    const first = await seedDemoData(connection, harness.client);
    expect(first.map((summary) => summary.tenant)).toEqual(['acme', 'globex']);
    for (const summary of first) expect(summary.appointments).toBeGreaterThan(10);
    const again = await seedDemoData(connection, harness.client);
    expect(again.map((summary) => summary.appointments)).toEqual([0, 0]);

    const ctx = harness.context('acme', 'u-ana');
    const calendars = await harness.call<Page<CalendarView>>(AppointmentsSubjects.calendarsList, ctx, {});
    expect(calendars.items.map((calendar) => calendar.name).sort()).toEqual(['Check-ups', 'Video consultations']);
    const [newest] = (await harness.call<Page<ContactListItem>>(ContactsSubjects.list, ctx, { limit: 1 })).items;
    const upcoming = await harness.call<Page<AppointmentView>>(AppointmentsSubjects.listForContact, ctx, { contactId: newest.id });
    const past = await harness.call<Page<AppointmentView>>(AppointmentsSubjects.listForContact, ctx, {
      contactId: newest.id,
      when: 'past',
    });
    expect(upcoming.items.length).toBeGreaterThan(0);
    expect(past.items.length).toBeGreaterThan(0);
    expect(past.items.every((item) => item.status === 'showed' || item.status === 'no-show')).toBe(true);

    // Seeded appointments hold their slots like booked ones.
    const taken = upcoming.items[0];
    expect(
      await harness.callError(AppointmentsSubjects.create, ctx, { contactId: newest.id, calendarId: taken.calendarId, start: taken.start }),
    ).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      details: { conflict: { appointmentId: taken.id } },
    });
  });
});
