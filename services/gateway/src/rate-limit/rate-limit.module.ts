import { ROOT_LOGGER } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from 'pino';
import { GatewayConfig } from '../config';
import type { GatewayRequest } from '../http/gateway-request';
import { RateLimitStorage } from './rate-limit-storage';
import { tenantTracker, userTracker } from './trackers';

const MINUTE_MS = 60_000;

/**
 * Two budgets per minute, over all routes: RATE_LIMIT_PER_MINUTE per signed-in user (per client IP before
 * sign-in), so one busy agent or integration never locks out the rest of the team; and
 * RATE_LIMIT_TENANT_PER_MINUTE per tenant, a ceiling meant only to stop abuse. Counted in Redis across
 * replicas when REDIS_URL is set (see RateLimitStorage). The guard itself is registered in AppModule,
 * after authentication, so the user and tenant are known.
 */
@Module({})
export class RateLimitModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [ROOT_LOGGER],
          useFactory: (logger: Logger) => ({
            throttlers: [
              // Named `default` so its answers carry the standard `Retry-After` and `X-RateLimit-*` headers.
              {
                name: 'default',
                ttl: MINUTE_MS,
                limit: config.RATE_LIMIT_PER_MINUTE,
                getTracker: (request) => userTracker(request as GatewayRequest),
              },
              {
                name: 'tenant',
                ttl: MINUTE_MS,
                limit: config.RATE_LIMIT_TENANT_PER_MINUTE,
                getTracker: (request) => tenantTracker(request as GatewayRequest),
                skipIf: (context) => !context.switchToHttp().getRequest<GatewayRequest>().caller,
              },
            ],
            // One budget across all routes (the default key counts each route apart), per deployment.
            generateKey: (_context, tracker, throttlerName) => `${config.NATS_NAMESPACE}:${throttlerName}:${tracker}`,
            storage: new RateLimitStorage(config.REDIS_URL, logger),
          }),
        }),
      ],
    };
  }
}
