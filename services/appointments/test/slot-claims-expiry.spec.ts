import { createLogger } from '@conversations/service-kit';
import { testServiceConfig, uniqueId } from '@conversations/testing';
import mongoose, { type Connection, type Model, Types } from 'mongoose';
import { SLOT_CLAIM_MODEL, type SlotClaimDocument, slotClaimSchema } from '../src/slot-claims/slot-claim.schema';
import { SlotClaimsService } from '../src/slot-claims/slot-claims.service';

const HOUR = 3600_000;

describe('slot claims of ended slots are swept', () => {
  let connection: Connection;
  let claims: Model<SlotClaimDocument>;
  let service: SlotClaimsService;

  beforeAll(async () => {
    const config = testServiceConfig();
    connection = await mongoose.createConnection(config.MONGO_URL, { dbName: uniqueId('slot_claims').replace('-', '_') }).asPromise();
    claims = connection.model<SlotClaimDocument>(SLOT_CLAIM_MODEL, slotClaimSchema);
    service = new SlotClaimsService(claims, createLogger('slot-claims-expiry', 'warn'));
    await service.onModuleInit();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('F30: deletes claims of slots more than a day past, keeps recent and future ones (which still guard bookings)', async () => {
    const now = new Date();
    const ref = { tenantId: uniqueId('tenant'), calendarId: new Types.ObjectId(), appointmentId: new Types.ObjectId() };
    const slotAt = (offset: number) => Math.floor((now.getTime() + offset) / 300_000) * 300_000;
    const ended = [slotAt(-30 * HOUR), slotAt(-26 * HOUR)];
    const kept = [slotAt(-12 * HOUR), slotAt(2 * HOUR)];
    expect(await service.claim(ref, [...ended, ...kept], async () => false)).toBeNull();

    expect(await service.deleteEndedClaims(now)).toBe(2);
    const left = await claims.find({ tenantId: ref.tenantId }).lean<SlotClaimDocument[]>();
    expect(left.map(({ slot }) => slot.getTime()).sort()).toEqual(kept);
    // The future claim still holds its slot against another booking.
    const other = { ...ref, appointmentId: new Types.ObjectId() };
    expect((await service.claim(other, [kept[1]], async () => false))?.appointmentId).toEqual(ref.appointmentId);
  });
});
