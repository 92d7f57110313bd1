import { testServiceConfig, uniqueId } from '@conversations/testing';
import mongoose, { type Connection, type Model } from 'mongoose';
import { deleteOldDispatchClaims, dispatchClaimRetentionMs } from '../src/sending/dispatch-claims-expiry';
import { DISPATCH_CLAIM_MODEL, type DispatchClaimDocument, dispatchClaimSchema } from '../src/sending/dispatch.schema';

const HOUR = 3600_000;

describe('dispatch claims expire', () => {
  let connection: Connection;
  let claims: Model<DispatchClaimDocument>;

  beforeAll(async () => {
    const config = testServiceConfig();
    connection = await mongoose.createConnection(config.MONGO_URL, { dbName: uniqueId('dispatch_claims').replace('-', '_') }).asPromise();
    claims = connection.model<DispatchClaimDocument>(DISPATCH_CLAIM_MODEL, dispatchClaimSchema);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('are kept a day (or ten leases), far past the moment a worker can still race for them', () => {
    expect(dispatchClaimRetentionMs(30_000)).toBe(24 * HOUR);
    expect(dispatchClaimRetentionMs(4 * HOUR)).toBe(40 * HOUR);
  });

  it('older claims are deleted, recent ones kept (they still decide a race for an attempt)', async () => {
    const now = new Date();
    const tenantId = uniqueId('tenant');
    await claims.create([
      { _id: 'm1.1.2', tenantId, createdAt: new Date(now.getTime() - 30 * HOUR) },
      { _id: 'm2.1.2', tenantId, createdAt: new Date(now.getTime() - 25 * HOUR) },
      { _id: 'm3.1.2', tenantId, createdAt: new Date(now.getTime() - HOUR) },
      { _id: 'm4.1.3', tenantId, createdAt: now },
    ]);

    expect(await deleteOldDispatchClaims(claims, 30_000, now)).toBe(2);
    const left = await claims.find({ tenantId }).lean<DispatchClaimDocument[]>();
    expect(left.map(({ _id }) => _id).sort()).toEqual(['m3.1.2', 'm4.1.3']);
  });
});
