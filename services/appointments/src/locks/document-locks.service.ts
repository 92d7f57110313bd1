import { ErrorCodes } from '@conversations/contracts';
import { DomainError, isDuplicateKey } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { DOCUMENT_LOCK_MODEL, DocumentLockDocument } from './document-lock.schema';

/** A lease older than this belongs to a process that died holding it. */
const LEASE_MS = 15_000;
/** How long a change waits for another change of the same document to finish. */
const WAIT_MS = 5_000;

/**
 * Serialises the writes to one document. FerretDB v1 applies an update as read-modify-write of the whole
 * document without isolation, so two concurrent updates of one document can both match a version
 * filter and the later one silently reverts the earlier (verified: 6 concurrent guarded updates all
 * "matched"). An insert against a unique `_id` IS atomic there, so a lock document is the mutex.
 * Every write path of a calendar or appointment — the outbox relay's clean-up included — runs inside it.
 */
@Injectable()
export class DocumentLocks {
  constructor(@InjectModel(DOCUMENT_LOCK_MODEL) private readonly locks: Model<DocumentLockDocument>) {}

  async withLock<T>(tenantId: string, key: string, work: () => Promise<T>): Promise<T> {
    const _id = `${tenantId}:${key}`;
    const token = randomUUID();
    await this.acquire(tenantId, _id, token);
    try {
      return await work();
    } finally {
      await this.locks.deleteOne({ _id, tenantId, token });
    }
  }

  private async acquire(tenantId: string, _id: string, token: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.locks.insertMany([{ _id, tenantId, token, lockedAt: new Date() }], { lean: true });
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const holder = await this.locks.findOne({ _id, tenantId }).lean<DocumentLockDocument>();
      if (holder && Date.now() - holder.lockedAt.getTime() > LEASE_MS) {
        await this.locks.deleteOne({ _id, tenantId, token: holder.token });
        continue;
      }
      if (Date.now() > deadline) {
        throw new DomainError(ErrorCodes.CHANGE_IN_PROGRESS, 'This is being changed by someone else right now; please try again');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random())));
    }
  }
}
