import { EventBus, ROOT_LOGGER, whileJetStreamStarts } from '@conversations/service-kit';
import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
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
      useFactory: async (bus: EventBus, config: GatewayConfig, logger: Logger) =>
        new IdempotencyStore(
          await whileJetStreamStarts(
            `key-value bucket ${BUCKET}`,
            () => bus.jetstream.views.kv(BUCKET, { ttl: KEPT_MS, history: 1 }),
            logger,
          ),
          config.IDEMPOTENT_WAIT_MS + config.RPC_TIMEOUT_MS,
        ),
      inject: [EventBus, GATEWAY_CONFIG, ROOT_LOGGER],
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
