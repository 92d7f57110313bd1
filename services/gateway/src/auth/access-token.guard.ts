import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest, Role } from '../http/gateway-request';
import { AccessTokens } from './access-tokens';
import { PUBLIC_ROUTE, QUERY_TOKEN_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { TENANT_HEADER } from './token-claims';

/**
 * Every route needs a verified access token unless it is marked `@Public()`, and the admin role where it
 * is marked `@AdminOnly()`: roles are enforced here, not only hidden in the UI.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const allowQuery = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_ROUTE, targets) === true;
    request.caller = await this.tokens.verify(tokenOf(request, allowQuery), tenantOf(request, allowQuery));
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (required === 'admin' && request.caller.role !== 'admin')
      throw new DomainError(ErrorCodes.FORBIDDEN, 'This needs the admin role; ask an admin of your account');
    return true;
  }
}

/** The tenant a request acts in: `X-Tenant-Id`, or `?tenant=` where the token may come in the query too. */
function tenantOf(request: GatewayRequest, allowQuery: boolean): string | undefined {
  const header = request.headers[TENANT_HEADER];
  if (typeof header === 'string' && header) return header;
  const fromQuery = request.query.tenant;
  return allowQuery && typeof fromQuery === 'string' && fromQuery ? fromQuery : undefined;
}

function tokenOf(request: GatewayRequest, allowQuery: boolean): string {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new DomainError(ErrorCodes.UNAUTHENTICATED, 'The Authorization header must be `Bearer <access token>`');
    return match[1];
  }
  const fromQuery = request.query.access_token;
  if (allowQuery && typeof fromQuery === 'string' && fromQuery) return fromQuery;
  throw new DomainError(
    ErrorCodes.UNAUTHENTICATED,
    allowQuery
      ? 'Sign in first: send the access token as `Authorization: Bearer <token>` or `?access_token=<token>`'
      : 'Sign in first: send the access token as `Authorization: Bearer <token>`',
  );
}
