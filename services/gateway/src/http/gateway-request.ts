import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '@conversations/contracts';

/** `admin` manages the account (catalogues, calendars, webhooks, team); `agent` works the inbox. */
export type Role = 'admin' | 'agent';

/** Who a verified access token says is calling, in the tenant the request acts in. */
export interface Caller {
  tenantId: string;
  userId: string;
  role: Role;
}

/** The parts of an Express request the gateway reads (Express itself ships no types here). */
export interface GatewayRequest extends IncomingMessage {
  /** The correlation id: `x-request-id` when the client sent a usable one, otherwise a new uuid. */
  id: string;
  query: Record<string, unknown>;
  ip?: string;
  /** Set by the auth guard once the token is verified. */
  caller?: Caller;
  /** W3C trace context of this request's span (httpTracingMiddleware), passed on over NATS. */
  traceparent?: string;
}

export interface GatewayResponse extends ServerResponse {
  /** The error code the exception filter answered with, for the request log line. */
  errorCode?: ErrorCode;
}
