import { ErrorCodes } from '@conversations/contracts';
import { DomainError, ROOT_LOGGER } from '@conversations/service-kit';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { catchError, from, lastValueFrom, type Observable, throwError } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import type { Caller, GatewayRequest, GatewayResponse } from '../http/gateway-request';
import { type Claim, IdempotencyStore } from './idempotency-store';
import { withPatience } from './request-patience';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const RUNNING_POLL_MS = 100;

/**
 * A retried mutation never does its work twice. A signed-in request with an `Idempotency-Key` runs once
 * per (tenant, user, key): its answer is stored for a day and replayed to every retry; a retry while the
 * first still runs waits for it (up to RPC_TIMEOUT_MS, then 409 REQUEST_IN_PROGRESS); the key with a
 * different request is 422. When the first takes longer than RPC_TIMEOUT_MS the client gets 504 at once,
 * while the gateway keeps waiting for the service (IDEMPOTENT_WAIT_MS) and stores the late outcome for
 * the retry. A refusal (4xx) or an unreachable service changed nothing: the key is released.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<GatewayRequest & { body?: unknown; originalUrl: string }>();
    if (!MUTATING.has(request.method ?? '') || !request.caller) return next.handle();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return next.handle().pipe(catchError((error) => throwError(() => withoutKey(error))));
    const key = typeof header === 'string' ? header : '';
    if (!KEY_FORMAT.test(key)) {
      return throwError(
        () =>
          new DomainError(ErrorCodes.VALIDATION_FAILED, 'The Idempotency-Key header is not usable', {
            fields: { 'Idempotency-Key': ['must be 1 to 255 visible ASCII characters, e.g. a UUID'] },
          }),
      );
    }
    const response = context.switchToHttp().getResponse<GatewayResponse>();
    const fingerprint = hash(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`);
    return from(
      this.once(this.scoped(request.caller, key), fingerprint, response, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }

  private async once(key: string, fingerprint: string, response: GatewayResponse, run: () => Promise<unknown>): Promise<unknown> {
    const claim = await this.claimOrWait(key, fingerprint);
    switch (claim.kind) {
      case 'reused':
        throw new DomainError(ErrorCodes.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request', {
          fields: { 'Idempotency-Key': ['was used for a different request; send a new key for a new action'] },
        });
      case 'running':
        response.setHeader('Retry-After', '1');
        throw new DomainError(
          ErrorCodes.REQUEST_IN_PROGRESS,
          'The first request with this Idempotency-Key is still running; retry with the same key in a moment',
        );
      case 'done':
        response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return claim.outcome.body ?? undefined;
    }
    const outcome = withPatience(this.config.IDEMPOTENT_WAIT_MS, run).then(
      async (body) => {
        await this.store
          .finish(key, claim.revision, fingerprint, { body })
          .catch((error) => this.logger.error({ err: error }, 'could not store an idempotent outcome'));
        return { body };
      },
      async (error: unknown) => {
        // A refusal or an unreachable service changed nothing. Anything else leaves the claim running
        // until it is abandoned: what happened is not known.
        if (changedNothing(error)) await this.store.release(key, claim.revision).catch(() => undefined);
        throw error;
      },
    );
    const timedOut = Symbol('timed out');
    const abort = new AbortController();
    const first = await Promise.race([
      outcome,
      sleep(this.config.RPC_TIMEOUT_MS, timedOut, { signal: abort.signal }).catch(() => undefined),
    ]).finally(() => abort.abort());
    if (first === timedOut) {
      outcome.catch((error) => this.logger.warn({ err: error }, 'a request answered 504 failed later'));
      throw new DomainError(
        ErrorCodes.SERVICE_TIMEOUT,
        `The request took longer than ${this.config.RPC_TIMEOUT_MS} ms; whether it was applied is not known yet. Retrying with the same Idempotency-Key is safe: it answers with the outcome`,
      );
    }
    return (first as { body: unknown }).body;
  }

  private async claimOrWait(key: string, fingerprint: string): Promise<Claim> {
    const deadline = Date.now() + this.config.RPC_TIMEOUT_MS;
    for (;;) {
      const claim = await this.store.claim(key, fingerprint).catch((error: unknown) => {
        this.logger.error({ err: error }, 'idempotency records cannot be read');
        throw new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'Idempotency records cannot be read right now; try again shortly');
      });
      if (claim.kind !== 'running' || Date.now() + RUNNING_POLL_MS > deadline) return claim;
      await sleep(RUNNING_POLL_MS);
    }
  }

  /** Keys are per deployment, tenant and user: another account's key never matches. */
  private scoped(caller: Caller, key: string): string {
    return hash([this.config.NATS_NAMESPACE, caller.tenantId, caller.userId, key].join('\0'));
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function changedNothing(error: unknown): boolean {
  return error instanceof DomainError
    ? error.code !== ErrorCodes.SERVICE_TIMEOUT && error.code !== ErrorCodes.INTERNAL
    : typeof (error as { getStatus?: unknown })?.getStatus === 'function'; // an HttpException: refused before any service call
}

/** A mutation without a key that timed out: say that its outcome is not known, and how to retry safely. */
function withoutKey(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== ErrorCodes.SERVICE_TIMEOUT) return error;
  return new DomainError(
    ErrorCodes.SERVICE_TIMEOUT,
    `${error.message.replace(/; please try again shortly$/, '')}; whether the change was made is not known. Send an Idempotency-Key so a retry cannot make it twice`,
    error.extra,
  );
}
