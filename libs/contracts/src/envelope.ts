/** Who is asking, carried in every NATS request so services never trust anything else for tenancy. */
export interface RequestContext {
  tenantId: string;
  userId: string;
  /** Correlation id: the same value in the gateway's and every service's logs for one HTTP request. */
  requestId: string;
  /** W3C trace context of the caller's span, continued by the service (OpenTelemetry). */
  traceparent?: string;
}

/** A NATS request: the caller's context plus the operation's data. */
export interface RpcRequest<T = unknown> {
  ctx: RequestContext;
  data: T;
}

/** A page of a cursor-paginated list. `nextCursor` is opaque and null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A domain event as stored in JetStream. `id` doubles as the JetStream message id (deduplication). */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  tenantId: string;
  occurredAt: string;
  actor: { userId: string } | { system: string };
  data: T;
}
