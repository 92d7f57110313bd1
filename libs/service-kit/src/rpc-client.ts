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
 * service's ErrorBody comes back as the same DomainError, and silence or an unreachable NATS becomes
 * SERVICE_UNAVAILABLE naming the service. Typed from the contract map: the subject (one of `Subject`,
 * the service's own) names the data it takes and what it answers.
 */
export class RpcClient<Subject extends RpcSubject> {
  constructor(
    private readonly service: string,
    private readonly proxy: Pick<ClientProxy, 'send' | 'connect' | 'close'>,
    private readonly timeoutMs: number,
  ) {}

  connect(): Promise<unknown> {
    return this.proxy.connect();
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  async request<K extends Subject>(subject: K, ctx: RequestContext, data: RpcRequestData<K>): Promise<RpcResponse<K>> {
    const request: RpcRequest<RpcRequestData<K>> = { ctx, data };
    try {
      return await firstValueFrom(this.proxy.send<RpcResponse<K>>(subject, request).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      throw this.failureOf(error);
    }
  }

  private failureOf(error: unknown): Error {
    if (isErrorBody(error)) {
      const { code, message, fields, details } = error;
      return new DomainError(code, message, { ...(fields ? { fields } : {}), ...(details ? { details } : {}) });
    }
    if (error instanceof Error) {
      // No answer in time, no responders, or no connection to NATS.
      const reason = error instanceof TimeoutError ? `did not answer within ${this.timeoutMs} ms` : 'cannot be reached';
      return new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, `The ${this.service} service ${reason}; please try again shortly`, {
        details: { service: this.service },
      });
    }
    // The service answered, but not with an ErrorBody: a fault on its side (logged by the caller's filter).
    return new Error(`${this.service} answered with an error that is not an ErrorBody: ${JSON.stringify(error)}`);
  }
}
