import type { RequestContext } from '@conversations/contracts';
import { applyDecorators, createParamDecorator, type ExecutionContext, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ref } from '../docs/schema-builders';
import type { GatewayRequest, Role } from '../http/gateway-request';

export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');
export const QUERY_TOKEN_ROUTE = Symbol('QUERY_TOKEN_ROUTE');
export const REQUIRED_ROLE = Symbol('REQUIRED_ROLE');
/** The OpenAPI extension naming the role a route needs; routes without it are open to every member. */
export const REQUIRED_ROLE_EXTENSION = 'x-required-role';

/** No access token needed (health, local sign-in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Only admins (catalogues, calendars, webhooks, team): enforced by AccessTokenGuard, documented as
 * `x-required-role: admin` with its 403 in the OpenAPI document. On a controller it covers every route.
 */
export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, 'admin' satisfies Role),
    ApiExtension(REQUIRED_ROLE_EXTENSION, 'admin'),
    ApiResponse({ status: HttpStatus.FORBIDDEN, description: 'FORBIDDEN: this needs the admin role', schema: ref('ErrorResponse') }),
  );

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
