import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest } from '../http/gateway-request';
import { AccessTokens } from './access-tokens';
import { PUBLIC_ROUTE, QUERY_TOKEN_ROUTE } from './auth.decorators';

/** Every route needs a verified access token unless it is marked `@Public()`. */
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
    request.caller = await this.tokens.verify(tokenOf(request, allowQuery));
    return true;
  }
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
