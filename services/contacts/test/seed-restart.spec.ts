import { runSeed, startInfrastructure } from '@conversations/testing';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` twice on the same data folder: the second start seeds again over the existing demo data.
 * That used to hang the store (FerretDB v1 holding a connection per statement of a bulk write until the
 * command ended); now the second seed completes, adds nothing and keeps what a user changed.
 */
describe('contacts demo data across a restart on the same data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'contacts-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const withStack = async (work: (mongoUrl: string) => Promise<void>) => {
    const stack = await startInfrastructure({ dataDir });
    try {
      await work(stack.mongoUrl);
    } finally {
      await stack.stop();
    }
  };
  const contacts = async (mongoUrl: string, job: (collection: mongoose.mongo.Collection) => Promise<unknown>, name = 'contacts') => {
    const connection = await mongoose.createConnection(mongoUrl, { dbName: 'conversations_contacts' }).asPromise();
    try {
      return await job(connection.db!.collection(name));
    } finally {
      await connection.close();
    }
  };

  it('seeds, restarts, seeds again: the second seed completes and overwrites nothing', async () => {
    let seeded = 0;
    await withStack(async (mongoUrl) => {
      await runSeed('contacts', { MONGO_URL: mongoUrl });
      seeded = (await contacts(mongoUrl, (collection) => collection.countDocuments({ tenantId: 'acme' }))) as number;
      // Plausible demo data (#14 §7): notes exist, and none is dated in the future.
      const notes = (await contacts(mongoUrl, (collection) => collection.find({ tenantId: 'acme' }).toArray(), 'notes')) as {
        createdAt: Date;
      }[];
      expect(notes.length).toBeGreaterThan(50);
      expect(notes.filter((note) => note.createdAt.getTime() > Date.now())).toEqual([]);
      await contacts(mongoUrl, (collection) =>
        collection.updateOne({ tenantId: 'acme', firstName: { $exists: true } }, { $set: { firstName: 'Changed by a user' } }),
      );
    });
    expect(seeded).toBeGreaterThan(100);

    await withStack(async (mongoUrl) => {
      await runSeed('contacts', { MONGO_URL: mongoUrl });
      expect(await contacts(mongoUrl, (collection) => collection.countDocuments({ tenantId: 'acme' }))).toBe(seeded);
      expect(
        await contacts(mongoUrl, (collection) => collection.countDocuments({ tenantId: 'acme', firstName: 'Changed by a user' })),
      ).toBe(1);
    });
  }, 300_000);
});
