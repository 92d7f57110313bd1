import { ErrorCodes, type RequestContext, type RpcRequest } from '@conversations/contracts';
import { DomainError, isErrorBody } from '@conversations/service-kit';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';

/**
 * Request/reply to one backend service over NATS. The caller's context travels with every request
 * (tenant and user from the verified token only); the service's ErrorBody comes back as a DomainError,
 * and silence or an unreachable NATS becomes SERVICE_UNAVAILABLE.
 */
export class ServiceClient {
  constructor(
    private readonly service: string,
    private readonly proxy: ClientProxy,
    private readonly timeoutMs: number,
  ) {}

  connect(): Promise<unknown> {
    return this.proxy.connect();
  }

  async request<T>(subject: string, ctx: RequestContext, data: unknown): Promise<T> {
    const request: RpcRequest = { ctx, data };
    try {
      return await firstValueFrom(this.proxy.send<T, RpcRequest>(subject, request).pipe(timeout(this.timeoutMs)));
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
    // The service answered, but not with an ErrorBody: a fault on its side (the filter logs it, answers 500).
    return new Error(`${this.service} answered with an error that is not an ErrorBody: ${JSON.stringify(error)}`);
  }
}

/** The contacts service: contacts, notes, tag and disposition catalogues, team members. */
export class ContactsClient extends ServiceClient {}

/** The appointments service: calendars, free slots, appointments. */
export class AppointmentsClient extends ServiceClient {}

/** The messaging service: sender numbers, conversations, messages, carrier webhooks. */
export class MessagingClient extends ServiceClient {}

/** The calls service: click-to-call, call records, recordings, carrier voice webhooks. */
export class CallsClient extends ServiceClient {}
