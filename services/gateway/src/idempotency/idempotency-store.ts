import type { KV } from 'nats';

/** What a finished request answered, replayed to every retry with the same key. */
export interface StoredOutcome {
  body: unknown;
}

interface Running {
  state: 'running';
  fingerprint: string;
  startedAt: number;
}
interface Done extends StoredOutcome {
  state: 'done';
  fingerprint: string;
}
type Entry = Running | Done;

/** Where a request with an Idempotency-Key stands when it arrives. */
export type Claim =
  { kind: 'first'; revision: number } | { kind: 'done'; outcome: StoredOutcome } | { kind: 'running' } | { kind: 'reused' };

/**
 * The first outcome of each (tenant, user, Idempotency-Key) in a JetStream key-value bucket, kept a day
 * (the bucket's TTL) and shared by every gateway replica. A key is claimed with a compare-and-set
 * create, so of two concurrent requests with one key exactly one runs.
 */
export class IdempotencyStore {
  constructor(
    private readonly kv: KV,
    /** A running claim older than this was left by a gateway that stopped mid-request; a retry takes it over. */
    private readonly abandonedAfterMs: number,
  ) {}

  async claim(key: string, fingerprint: string): Promise<Claim> {
    const running: Running = { state: 'running', fingerprint, startedAt: Date.now() };
    try {
      return { kind: 'first', revision: await this.kv.create(key, JSON.stringify(running)) };
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error;
    }
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return this.claim(key, fingerprint); // finished and cleared meanwhile
    const stored = entry.json<Entry>();
    if (stored.fingerprint !== fingerprint) return { kind: 'reused' };
    if (stored.state === 'done') return { kind: 'done', outcome: { body: stored.body } };
    if (Date.now() - stored.startedAt < this.abandonedAfterMs) return { kind: 'running' };
    try {
      return { kind: 'first', revision: await this.kv.update(key, JSON.stringify(running), entry.revision) };
    } catch (error) {
      if (isWrongLastSequence(error)) return { kind: 'running' }; // another retry took it over first
      throw error;
    }
  }

  /** Records the outcome the claim's request answered. */
  async finish(key: string, revision: number, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    const done: Done = { state: 'done', fingerprint, body: outcome.body ?? null };
    await this.kv.update(key, JSON.stringify(done), revision);
  }

  /** Clears a claim whose request changed nothing (refused, or unreachable service): a retry runs afresh. */
  async release(key: string, revision: number): Promise<void> {
    await this.kv.delete(key, { previousSeq: revision });
  }
}

function isWrongLastSequence(error: unknown): boolean {
  const apiError = (error as { api_error?: { err_code?: number } } | null)?.api_error;
  return apiError?.err_code === 10071;
}
