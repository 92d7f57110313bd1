import {
  ErrorCodes,
  type RequestContext,
  type RpcRequest,
  type RpcRequestData,
  type RpcResponse,
  type RpcSubject,
} from '@conversations/contracts';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DomainError, isErrorBody } from './errors';

/**
 * Request/reply to one service over NATS, for the gateway and for services asking each other. The
 * caller's context travels with every request (tenant and user from the verified token only); the
 * service's ErrorBody comes back as the same DomainError; an unreachable service is SERVICE_UNAVAILABLE
 * (nothing was done) and silence past the timeout SERVICE_TIMEOUT (something may have been), both naming
 * the service. The timeout may be a function, read at each request (the gateway waits longer for a
 * request with an Idempotency-Key, whose late answer it keeps for the retry). Typed from the contract map: the subject (one of `Subject`,
 * the service's own) names the data it takes and what it answers.
 */
export class RpcClient<Subject extends RpcSubject> {
  constructor(
    private readonly service: string,
    private readonly proxy: Pick<ClientProxy, 'send' | 'connect' | 'close'>,
    private readonly timeoutMs: number | (() => number),
  ) {}

  connect(): Promise<unknown> {
    return this.proxy.connect();
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  async request<K extends Subject>(subject: K, ctx: RequestContext, data: RpcRequestData<K>): Promise<RpcResponse<K>> {
    const request: RpcRequest<RpcRequestData<K>> = { ctx, data };
    const waitMs = typeof this.timeoutMs === 'function' ? this.timeoutMs() : this.timeoutMs;
    try {
      return await firstValueFrom(this.proxy.send<RpcResponse<K>>(subject, request).pipe(timeout(waitMs)));
    } catch (error) {
      throw this.failureOf(error, waitMs);
    }
  }

  private failureOf(error: unknown, waitMs: number): Error {
    if (isErrorBody(error)) {
      const { code, message, fields, details } = error;
      return new DomainError(code, message, { ...(fields ? { fields } : {}), ...(details ? { details } : {}) });
    }
    if (error instanceof TimeoutError) {
      return new DomainError(
        ErrorCodes.SERVICE_TIMEOUT,
        `The ${this.service} service did not answer within ${waitMs} ms; please try again shortly`,
        {
          details: { service: this.service, waitedMs: waitMs },
        },
      );
    }
    if (error instanceof Error) {
      // No responders, or no connection to NATS: the request reached no service.
      return new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, `The ${this.service} service cannot be reached; please try again shortly`, {
        details: { service: this.service },
      });
    }
    // The service answered, but not with an ErrorBody: a fault on its side (logged by the caller's filter).
    return new Error(`${this.service} answered with an error that is not an ErrorBody: ${JSON.stringify(error)}`);
  }
}
