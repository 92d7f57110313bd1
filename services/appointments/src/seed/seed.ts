import { type ContactListItem, ContactsSubjects, type Page, type RequestContext, type RpcRequest } from '@conversations/contracts';
import { type NamespacedNatsClient } from '@conversations/service-kit';
import { DateTime } from 'luxon';
import { type Connection, Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, timeout } from 'rxjs';
import { appointmentSchema, type AppointmentDocument } from '../appointments/appointment.schema';
import { claimedSpan } from '../appointments/booking-rules';
import { calendarSchema } from '../calendars/calendar.schema';
import { fitsWorkingHours } from '../calendars/working-hours';
import { slotClaimSchema } from '../slot-claims/slot-claim.schema';
import { slotsOf } from '../slot-claims/slot-claims.service';
import { DEMO_CALENDARS, DEMO_PLAN, DEMO_TIMES, seedId } from './demo-calendars';

const CONTACTS_PER_TENANT = 10;

export interface SeedSummary {
  tenant: string;
  calendars: number;
  appointments: number;
}

/**
 * Demo calendars (deterministic ids, `$setOnInsert`) and, for a tenant that has no appointments yet,
 * upcoming and past appointments for its newest contacts — whose ids are asked of the contacts service
 * over NATS, as this service does at run time. Written directly with their slot claims; no events.
 */
export async function seedDemoData(
  connection: Connection,
  contactsClient: NamespacedNatsClient,
  now = DateTime.now(),
): Promise<SeedSummary[]> {
  const models = {
    calendars: connection.model('Calendar', calendarSchema),
    appointments: connection.model('Appointment', appointmentSchema),
    claims: connection.model('SlotClaim', slotClaimSchema),
  };
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  const summaries: SeedSummary[] = [];
  for (const [tenantId, calendars] of Object.entries(DEMO_CALENDARS)) {
    const createdAt = new Date(Date.UTC(2026, 0, 1));
    await models.calendars.bulkWrite(
      calendars.map(({ key, ...calendar }) => ({
        updateOne: {
          filter: { _id: seedId(tenantId, 'calendar', key), tenantId },
          update: { $setOnInsert: { ...calendar, tenantId, createdAt, updatedAt: createdAt, outbox: [] } },
          upsert: true,
        },
      })),
    );
    let appointments = 0;
    if ((await models.appointments.countDocuments({ tenantId })) === 0) {
      const ctx: RequestContext = { tenantId, userId: 'seed', requestId: randomUUID() };
      const request: RpcRequest = { ctx, data: { limit: CONTACTS_PER_TENANT } };
      const contacts = await firstValueFrom(
        contactsClient.send<Page<ContactListItem>, RpcRequest>(ContactsSubjects.list, request).pipe(timeout(10_000)),
      );
      const documents: AppointmentDocument[] = [];
      contacts.items.forEach((contact, contactIndex) => {
        DEMO_PLAN.slice(0, 2 + (contactIndex % 4)).forEach((plan, planIndex) => {
          const calendar = calendars[(contactIndex + planIndex) % calendars.length];
          // Contacts sharing a calendar and day get different times; a different day per contact otherwise.
          const day = businessDaysFrom(now.setZone(calendar.timeZone), plan.businessDays + Math.floor(contactIndex / DEMO_TIMES.length));
          const [hour, minute] = DEMO_TIMES[contactIndex % DEMO_TIMES.length].split(':').map(Number);
          const start = day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
          const end = new Date(start.getTime() + calendar.defaultDurationMinutes * 60_000);
          if (!fitsWorkingHours(calendar.workingHours, calendar.timeZone, { start, end }).fits) return;
          const _id = seedId(tenantId, 'appointment', contact.id, planIndex);
          documents.push({
            _id,
            tenantId,
            contactId: new Types.ObjectId(contact.id),
            calendarId: seedId(tenantId, 'calendar', calendar.key),
            title: calendar.name,
            start,
            end,
            durationMinutes: calendar.defaultDurationMinutes,
            bufferMinutes: calendar.bufferMinutes,
            status: plan.status,
            meetingUrl: calendar.meetingLinkTemplate?.replaceAll('{appointmentId}', String(_id)) ?? null,
            notes: plan.notes,
            assignedUserId: calendar.teamMemberIds[contactIndex % calendar.teamMemberIds.length] ?? null,
            createdBy: calendar.teamMemberIds[0] ?? 'seed',
            cancellationReason: plan.status === 'cancelled' ? 'Rescheduling later' : null,
            createdAt: createdAt,
            updatedAt: createdAt,
            version: 0,
            outbox: [],
          });
        });
      });
      // Every active appointment claims its slots; one that would double-book a calendar is left out.
      const taken = new Set<string>();
      const claims: Array<Record<string, unknown>> = [];
      const seeded = documents.filter((document) => {
        if (document.status === 'cancelled') return true;
        const keys = slotsOf(claimedSpan(document, document.bufferMinutes)).map((slot) => `${document.calendarId}:${slot}`);
        if (keys.some((key) => taken.has(key))) return false;
        keys.forEach((key) => taken.add(key));
        claims.push(
          ...keys.map((key) => ({
            tenantId,
            calendarId: document.calendarId,
            slot: new Date(Number(key.split(':')[1])),
            appointmentId: document._id,
            claimToken: 'seed',
            claimedAt: createdAt,
          })),
        );
        return true;
      });
      // Claims first: a seed that fails half-way leaves claims (cleaned up as stale), never an unguarded appointment.
      await models.claims.insertMany(claims, { ordered: true });
      await models.appointments.insertMany(seeded, { ordered: true });
      appointments = seeded.length;
    }
    summaries.push({ tenant: tenantId, calendars: calendars.length, appointments });
  }
  return summaries;
}

/** `count` working days (Monday–Friday) after (or, negative, before) `from`'s local date. */
function businessDaysFrom(from: DateTime, count: number): DateTime {
  let date = from.startOf('day');
  const step = count < 0 ? -1 : 1;
  for (let moved = 0; moved < Math.abs(count);) {
    date = date.plus({ days: step });
    if (date.weekday <= 5) moved++;
  }
  return date;
}
