import { type Connection, createConnection, type Model, Schema, Types } from 'mongoose';
import { DueTimeLeases } from '../src/due-time-leases';
import { tenantScopedPlugin } from '../src/tenancy';
import { testDevstack } from './devstack';

interface Job {
  _id: Types.ObjectId;
  tenantId: string;
  state: 'pending' | 'done';
  dueAt: Date;
  leaseToken: string | null;
}

describe('DueTimeLeases (real devstack store)', () => {
  const devstack = testDevstack();
  let connection: Connection;
  let jobs: Model<Job>;
  let tenantId: string;
  const leasesOf = (holder: string, leaseMs = 60_000) =>
    new DueTimeLeases(jobs, { open: { state: 'pending' }, dueField: 'dueAt', tokenField: 'leaseToken', leaseMs, holder });
  const job = async (dueAt: Date, fields: Partial<Job> = {}) =>
    (await jobs.create({ _id: new Types.ObjectId(), tenantId, state: 'pending', dueAt, leaseToken: null, ...fields })).toObject() as Job;

  beforeAll(async () => {
    connection = await createConnection(devstack.mongoUrl, { dbName: 'service_kit_due_time_leases' }).asPromise();
    const schema = new Schema<Job>(
      { tenantId: String, state: String, dueAt: Date, leaseToken: { type: String, default: null } },
      { collection: devstack.unique('jobs'), versionKey: false },
    );
    schema.plugin(tenantScopedPlugin);
    schema.index({ state: 1, dueAt: 1 });
    jobs = connection.model<Job>('Job', schema);
  });
  beforeEach(() => {
    tenantId = devstack.unique('t');
  });
  afterAll(async () => {
    await jobs.collection.drop().catch(() => undefined);
    await connection.close();
  });

  const mine = (rows: Job[]) => rows.filter((row) => row.tenantId === tenantId).map((row) => String(row._id));

  it('reads what is due, soonest first; of replicas claiming one read row exactly one wins, and it is not due until the lease ends', async () => {
    const now = Date.now();
    const later = await job(new Date(now - 1_000));
    const sooner = await job(new Date(now - 5_000));
    await job(new Date(now + 60_000));
    await job(new Date(now - 9_000), { state: 'done' });
    const due = (await leasesOf('a').due(100)).filter((row) => row.tenantId === tenantId);
    expect(due.map((row) => String(row._id))).toEqual([String(sooner._id), String(later._id)]);

    const replicas = ['a', 'b', 'c', 'd'].map((holder) => leasesOf(holder));
    const row = due[0];
    const won = await Promise.all(replicas.map((leases) => leases.claim(row)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const claimed = await jobs.findOne({ _id: row._id, tenantId }).lean<Job>();
    expect(claimed?.leaseToken).toMatch(new RegExp(`^${['a', 'b', 'c', 'd'][won.indexOf(true)]}/`));
    expect(claimed!.dueAt.getTime()).toBeGreaterThan(now + 50_000);
    expect(mine(await leasesOf('e').due(100))).toEqual([String(later._id)]);
    // Reading ahead (to start work on time) leaves a row under another's lease alone until the lease ends.
    expect(mine(await leasesOf('e').due(100, new Date(now + 120_000)))).not.toContain(String(row._id));
  });

  it('a claim given back with its token is due again at once for the others; without the token nothing is given back', async () => {
    const row = await job(new Date(Date.now() - 100));
    const holder = leasesOf('holder');
    const lease = holder.newLease();
    expect(await holder.claim(row, lease)).toBe(true);
    expect(await leasesOf('other').release(row, 'other/not-the-token')).toBe(false);
    expect(await holder.release(row, lease.token)).toBe(true);
    const [again] = (await leasesOf('other').due(100)).filter((due) => String(due._id) === String(row._id));
    expect(again).toMatchObject({ leaseToken: null });
    expect(await leasesOf('other').claim(again)).toBe(true);
  });

  it('a lease that ran out (its holder died) makes the row due again, claimable by the next replica', async () => {
    const row = await job(new Date(Date.now() - 100));
    const dying = leasesOf('dying', 300);
    expect(await dying.claim(row)).toBe(true);
    expect(mine(await leasesOf('next').due(100))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const [expired] = (await leasesOf('next').due(100)).filter((due) => due.tenantId === tenantId);
    expect(await leasesOf('next').claim(expired)).toBe(true);
    // The dead holder's view of the row is stale: claiming with it wins nothing.
    expect(await dying.claim(row)).toBe(false);
  });
});
