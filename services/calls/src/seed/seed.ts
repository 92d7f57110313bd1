import {
  type CallStatus,
  type ContactListItem,
  ContactsSubjects,
  MessagingSubjects,
  type Page,
  type RpcRequest,
  type SenderNumberView,
  type TeamMemberView,
} from '@conversations/contracts';
import { contactCopyOf } from '@conversations/contact-copies';
import { isDuplicateKey, NamespacedNatsClient } from '@conversations/service-kit';
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { type CallDocument, callSchema } from '../calls/call.schema';
import { callSettingsSchema } from '../settings/call-settings.schema';
import { DEMO_CALL_COUNTS, DEMO_CALL_SETTINGS } from './demo-data';

export interface CallsSeedSummary {
  tenant: string;
  calls: number;
  recordings: number;
  /** Why no calls were seeded, when none were. */
  skipped?: string;
}

export interface SeedPeers {
  natsUrl: string;
  namespace: string;
}

function seedId(...parts: (string | number)[]): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha1')
      .update(['calls', ...parts].join(':'))
      .digest('hex')
      .slice(0, 24),
  );
}

/** A small deterministic generator (mulberry32): the same demo calls on every run. */
function randomOf(seed: string): () => number {
  let state = createHash('sha1').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Idempotent demo data: the demo tenants' call settings and, when the contacts and messaging services
 * answer over NATS, a few hundred calls with their contacts (some recorded, the audio served by the
 * carrier simulator at `simulatorUrl`). Deterministic ids + `$setOnInsert`: a second run inserts nothing
 * and never overwrites what happened since.
 */
export async function seedCallsDemo(
  connection: Connection,
  peers: SeedPeers | undefined,
  simulatorUrl: string,
  now = Date.now(),
): Promise<CallsSeedSummary[]> {
  const models = { calls: connection.model('Call', callSchema), settings: connection.model('CallSettings', callSettingsSchema) };
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  const client = peers ? new NamespacedNatsClient({ servers: peers.natsUrl.split(','), namespace: peers.namespace }) : undefined;
  const summaries: CallsSeedSummary[] = [];
  try {
    for (const [tenantId, settings] of Object.entries(DEMO_CALL_SETTINGS)) {
      await models.settings.updateOne(
        { _id: tenantId, tenantId },
        { $setOnInsert: { ...settings, tenantId, updatedAt: new Date(now) } },
        { upsert: true },
      );
      const summary: CallsSeedSummary = { tenant: tenantId, calls: 0, recordings: 0 };
      summaries.push(summary);
      if (!client) continue;
      const ask = <T>(subject: string, data: unknown) =>
        firstValueFrom(
          client
            .send<T, RpcRequest>(subject, { ctx: { tenantId, userId: 'system:seed', requestId: `seed-calls-${tenantId}` }, data })
            .pipe(timeout(10_000)),
        );
      const contacts = await allContacts(ask);
      const members = await ask<TeamMemberView[]>(ContactsSubjects.teamMembersList, {});
      const voiceNumbers = (await ask<SenderNumberView[]>(MessagingSubjects.numbersList, {})).filter((number) => number.capabilities.voice);
      if (!contacts.length || !voiceNumbers.length) {
        summary.skipped = !contacts.length ? 'no contacts with a phone' : 'no number that can make calls';
        continue;
      }
      const calls = demoCalls(tenantId, contacts, members, voiceNumbers, settings.recordCalls, simulatorUrl, now);
      // Insert only what is missing (one read, then plain inserts: upserts one by one are slow on FerretDB).
      const existing = await models.calls
        .find({ tenantId, _id: { $in: calls.map((call) => call._id) } }, { _id: 1 })
        .lean<Array<{ _id: Types.ObjectId }>>();
      const seen = new Set(existing.map((call) => String(call._id)));
      const fresh = calls.filter((call) => !seen.has(String(call._id)));
      if (fresh.length) {
        await models.calls.insertMany(fresh, { ordered: false }).catch((error: unknown) => {
          // Another seed run inserted some of them meanwhile.
          if (!isDuplicateKey(error)) throw error;
        });
      }
      summary.recordings = calls.filter((call) => call.recording).length;
      summary.calls = calls.length;
    }
  } finally {
    await client?.close();
  }
  return summaries;
}

async function allContacts(ask: <T>(subject: string, data: unknown) => Promise<T>): Promise<ContactListItem[]> {
  const found: ContactListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await ask<Page<ContactListItem>>(ContactsSubjects.list, { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...page.items.filter((contact) => contact.phone));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && found.length < 5_000);
  return found;
}

/** A believable mix: more outbound than inbound, mostly completed, some missed, busy, failed, rejected. */
function demoCalls(
  tenantId: string,
  contacts: ContactListItem[],
  members: TeamMemberView[],
  numbers: SenderNumberView[],
  recorded: boolean,
  simulatorUrl: string,
  now: number,
): CallDocument[] {
  const random = randomOf(`calls:${tenantId}`);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const callers = members.filter((member) => member.phone);
  const calls: CallDocument[] = [];
  const count = DEMO_CALL_COUNTS[tenantId] ?? 100;
  for (let index = 0; index < count; index++) {
    const _id = seedId(tenantId, 'call', index);
    const contact = pick(contacts);
    const number = pick(numbers).number;
    const direction = random() < 0.6 ? 'outbound' : 'inbound';
    // Spread over about six weeks, newest first, a few minutes of jitter.
    const startedAt = new Date(now - (index * 4.2 + random() * 2) * 3_600_000);
    const roll = random();
    const status: CallStatus =
      roll < 0.62 ? 'completed' : roll < 0.78 ? 'no-answer' : roll < 0.88 ? 'busy' : roll < 0.94 ? 'failed' : 'canceled';
    const rejected = direction === 'inbound' && status === 'canceled';
    const talk = status === 'completed' ? 20 + Math.floor(random() * 880) : 0;
    const ring = 5 + Math.floor(random() * 20);
    const member = callers.length ? pick(callers) : null;
    const endedAt = new Date(startedAt.getTime() + (ring + talk) * 1000);
    const voicemail = direction === 'inbound' && status === 'no-answer' && random() < 0.5;
    const hasRecording = (status === 'completed' && recorded && random() < 0.7) || voicemail;
    const recordingSeconds = voicemail ? 8 + Math.floor(random() * 40) : talk;
    calls.push({
      _id,
      tenantId,
      contactId: new Types.ObjectId(contact.id),
      ...contactCopyOf(contact),
      contactSyncedAt: new Date(contact.createdAt),
      listed: true,
      direction,
      from: direction === 'outbound' ? number : (contact.phone as string),
      to: direction === 'outbound' ? (contact.phone as string) : number,
      status,
      answered: status === 'completed',
      durationSeconds: talk,
      recording: hasRecording
        ? {
            providerRecordingId: `seed-${_id}`,
            sourceUrl: `${simulatorUrl.replace(/\/$/, '')}/recordings/seed-${_id}.wav?seconds=${recordingSeconds}`,
            durationSeconds: recordingSeconds,
            kind: voicemail ? 'voicemail' : 'call',
          }
        : null,
      userId: direction === 'outbound' || status === 'completed' ? (member?.id ?? null) : null,
      agentPhone: member?.phone ?? null,
      outcomeReason: outcomeReasonOf(direction, status, rejected, voicemail),
      rejected,
      providerCallId: `seed-${_id}`,
      providerCallKey: `seed-${_id}`,
      carrierRequestId: null,
      contactLegCallId: status === 'completed' ? `seed-b-${_id}` : null,
      startedAt,
      answeredAt: status === 'completed' ? new Date(startedAt.getTime() + ring * 1000) : null,
      endedAt,
      createdAt: startedAt,
      updatedAt: endedAt,
      version: 0,
      outbox: [],
    });
  }
  return calls;
}

function outcomeReasonOf(direction: 'inbound' | 'outbound', status: CallStatus, rejected: boolean, voicemail: boolean): string | null {
  if (rejected) return 'Rejected: the contact has Do Not Contact for inbound calls';
  switch (status) {
    case 'busy':
      return 'Line busy';
    case 'no-answer':
      if (direction === 'outbound') return 'No answer';
      return voicemail ? 'Missed call: no one answered; the caller was sent to voicemail' : 'Missed call: no one answered';
    case 'failed':
      return 'Carrier failure: NETWORK_OUT_OF_ORDER';
    case 'canceled':
      return 'The call was canceled';
    default:
      return null;
  }
}
