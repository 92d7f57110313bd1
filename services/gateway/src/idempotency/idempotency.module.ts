import { EventBus } from '@conversations/service-kit';
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

/** One bucket for every deployment on the NATS (keys are hashed with the namespace, tenant and user). */
const BUCKET = 'idempotency';
const KEPT_MS = 24 * 3600 * 1000;

@Global()
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      useFactory: async (bus: EventBus, config: GatewayConfig) =>
        new IdempotencyStore(
          await bus.jetstream.views.kv(BUCKET, { ttl: KEPT_MS, history: 1 }),
          config.IDEMPOTENT_WAIT_MS + config.RPC_TIMEOUT_MS,
        ),
      inject: [EventBus, GATEWAY_CONFIG],
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
