import { AsyncLocalStorage } from 'node:async_hooks';

const patience = new AsyncLocalStorage<number>();

/**
 * Runs `work` with the service requests it makes waiting up to `waitMs` for an answer instead of the
 * usual RPC_TIMEOUT_MS: a request with an Idempotency-Key whose client got 504 still learns its outcome,
 * and keeps it for the retry.
 */
export function withPatience<T>(waitMs: number, work: () => Promise<T>): Promise<T> {
  return patience.run(waitMs, work);
}

/** The RpcClient timeout: the patience of the request being handled, else the default. */
export function rpcTimeoutOf(defaultMs: number): () => number {
  return () => patience.getStore() ?? defaultMs;
}
