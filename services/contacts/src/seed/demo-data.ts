import { faker } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { DemoTenant } from './demo-tenants';

export { DEMO_TENANTS, type DemoTenant } from './demo-tenants';

/** A deterministic ObjectId for a seed entity, so reseeding upserts the same documents. */
export function seedId(...parts: (string | number)[]): Types.ObjectId {
  return new Types.ObjectId(createHash('sha1').update(parts.join(':')).digest('hex').slice(0, 24));
}

const AREA_CODES = ['415', '212', '312', '617', '206', '512', '303', '646', '702', '305'];
/** Names with accents and apostrophes so search is exercised the way real lists are. */
const EXTRA_FIRST_NAMES = ['José', 'Zoë', 'Renée', 'Björn', 'Chloé', 'François', 'Núria', 'Søren', 'Siobhán', 'Ana María'];
const EXTRA_LAST_NAMES = ['Müller', "O'Brien", 'Núñez', 'García-López', 'Åström', 'Dvořák', 'Lefèvre'];

export interface DemoContact {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  timeZone: string;
  source: string;
  createdAt: Date;
  tagIndexes: number[];
  dispositionIndex: number | null;
  dnd: { all: boolean; email: boolean; sms: boolean; calls: boolean; inboundCallsAndSms: boolean };
  notes: { body: string; ageHours: number }[];
}

/** `count` realistic contacts for a tenant, the same on every run. */
export function demoContacts(tenant: DemoTenant, count = tenant.contacts, now = Date.UTC(2026, 10, 24, 12)): DemoContact[] {
  faker.seed(hashSeed(tenant.id));
  const contacts: DemoContact[] = [];
  const usedPhones = new Set<string>();
  for (let index = 0; index < count; index++) {
    const firstName = index % 9 === 0 ? faker.helpers.arrayElement(EXTRA_FIRST_NAMES) : faker.person.firstName();
    const lastName = index % 11 === 0 ? faker.helpers.arrayElement(EXTRA_LAST_NAMES) : faker.person.lastName();
    const phone = index % 25 === 24 ? null : uniquePhone(usedPhones);
    const roll = faker.number.float();
    contacts.push({
      firstName,
      lastName,
      phone,
      email: faker.datatype.boolean(0.7) ? faker.internet.email({ firstName, lastName }).toLowerCase() : null,
      company: faker.datatype.boolean(0.4) ? faker.company.name() : null,
      timeZone: faker.helpers.arrayElement([
        'America/Los_Angeles',
        'America/New_York',
        'America/Chicago',
        'America/Denver',
        'Europe/London',
      ]),
      source: faker.helpers.arrayElement(['Website form', 'Referral', 'Facebook ad', 'Walk-in', 'Import']),
      createdAt: new Date(now - (count - index) * 3 * 3600_000 - faker.number.int({ min: 0, max: 3_000_000 })),
      tagIndexes: faker.helpers.arrayElements([...tenant.tags.keys()], faker.number.int({ min: 0, max: 2 })),
      dispositionIndex: faker.datatype.boolean(0.3) ? faker.number.int({ min: 0, max: tenant.dispositions.length - 1 }) : null,
      dnd: {
        all: roll < 0.04,
        email: roll >= 0.04 && roll < 0.08,
        sms: roll >= 0.08 && roll < 0.16,
        calls: roll >= 0.14 && roll < 0.18,
        inboundCallsAndSms: roll >= 0.18 && roll < 0.2,
      },
      notes: Array.from({ length: faker.number.int({ min: 0, max: 3 }) }, () => ({
        body: faker.helpers.arrayElement([
          `Called about ${faker.commerce.productName().toLowerCase()}; wants a quote by ${faker.date.weekday()}.`,
          `Prefers texts after 5pm. ${faker.lorem.sentence()}`,
          `Asked to reschedule. ${faker.lorem.sentences(2)}`,
          `Referred by ${faker.person.fullName()}. ${faker.lorem.sentence()}`,
        ]),
        ageHours: faker.number.int({ min: 1, max: 24 * 60 }),
      })),
    });
  }
  return contacts;
}

function uniquePhone(used: Set<string>): string {
  for (;;) {
    const candidate = `+1${faker.helpers.arrayElement(AREA_CODES)}${faker.number.int({ min: 2, max: 9 })}${faker.string.numeric(6)}`;
    const parsed = parsePhoneNumberFromString(candidate);
    if (parsed?.isValid() && !used.has(parsed.number)) {
      used.add(parsed.number);
      return parsed.number;
    }
  }
}

function hashSeed(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}
