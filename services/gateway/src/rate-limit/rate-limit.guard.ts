import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { GatewayResponse } from '../http/gateway-request';
import { scopeOfTracker } from './trackers';

const WHOSE: Record<ReturnType<typeof scopeOfTracker>, string> = {
  user: 'from you',
  ip: 'from this address',
  tenant: 'for this account',
};

/**
 * The throttler guard answering in our words: 429 RATE_LIMITED saying whose limit it is and how long to
 * wait, with the standard `Retry-After` for either limit (the library names the second one's header
 * `Retry-After-tenant`).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<GatewayResponse>().setHeader('Retry-After', String(seconds));
    const scope = scopeOfTracker(detail.tracker);
    throw new DomainError(ErrorCodes.RATE_LIMITED, `Too many requests ${WHOSE[scope]}; wait ${seconds} s and try again`, {
      details: { scope, retryAfterSeconds: seconds },
    });
  }
}
