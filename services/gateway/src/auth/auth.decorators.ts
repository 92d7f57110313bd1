import type { RequestContext } from '@conversations/contracts';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { GatewayRequest } from '../http/gateway-request';

export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');
export const QUERY_TOKEN_ROUTE = Symbol('QUERY_TOKEN_ROUTE');

/** No access token needed (health, local sign-in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The token may also come as `?access_token=`: only for routes a browser opens with EventSource, which
 * cannot send headers. Everywhere else a token in the URL is ignored (URLs end up in logs and histories).
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_ROUTE, true);

/** The caller's request context for NATS: tenant and user from the verified token, the request id. */
export const CallerContext = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (!request.caller) throw new Error('CallerContext used on a route without authentication');
  return { tenantId: request.caller.tenantId, userId: request.caller.userId, requestId: request.id, traceparent: request.traceparent };
});
