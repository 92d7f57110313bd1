import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { GatewayConfig } from '../config';
import type { GatewayRequest } from '../http/gateway-request';

/**
 * RATE_LIMIT_PER_MINUTE requests per tenant (all of a tenant's users share one budget, so one noisy
 * integration cannot starve other tenants); before sign-in, per client IP. Counted per gateway replica.
 * The guard itself is registered in AppModule, after authentication, so the tenant is known.
 */
@Module({})
export class RateLimitModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          // Named `default` so the answers carry the standard `Retry-After` and `X-RateLimit-*` headers.
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
          getTracker: (request) => trackerOf(request as GatewayRequest),
          // One budget across all routes (the default key would count each route separately).
          generateKey: (_context, tracker, throttlerName) => `${throttlerName}:${tracker}`,
        }),
      ],
    };
  }
}

function trackerOf(request: GatewayRequest): string {
  return request.caller ? `tenant:${request.caller.tenantId}` : `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}
