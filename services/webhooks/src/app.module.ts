import { OutboxSweepModule, ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { WEBHOOKS_CONFIG, WebhooksConfig } from './config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { WEBHOOK_ENDPOINT_MODEL } from './endpoints/endpoint.schema';
import { EndpointsModule } from './endpoints/endpoints.module';
import { OUTBOUND_OVERRIDES, type OutboundOverrides } from './outbound/outbound.module';

@Module({})
class OutboundOverridesModule {}

@Module({})
export class AppModule {
  /** `outbound` replaces the resolver and connector deliveries use (tests only). */
  static register(config: WebhooksConfig, logger: Logger, outbound: OutboundOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'webhooks', config, configToken: WEBHOOKS_CONFIG, logger, database: config.MONGO_DB }),
        {
          module: OutboundOverridesModule,
          global: true,
          providers: [{ provide: OUTBOUND_OVERRIDES, useValue: outbound }],
          exports: [OUTBOUND_OVERRIDES],
        },
        EndpointsModule,
        DeliveriesModule,
        OutboxSweepModule.forModels([WEBHOOK_ENDPOINT_MODEL], { intervalMs: config.OUTBOX_SWEEP_MS, imports: [EndpointsModule] }),
      ],
    };
  }
}
