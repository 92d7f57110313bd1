import { DynamicModule, Global, Inject, InjectionToken, Module, OnApplicationShutdown } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ServiceConfig } from './config';
import { EventBus } from './event-bus';
import { HealthController, LivenessController, NatsHealthIndicator } from './health';
import { OutboxRelay } from './outbox';
import { captureQueryShapes } from './query-shapes';
import { ROOT_LOGGER } from './tokens';

export interface ServiceKitOptions {
  name: string;
  config: ServiceConfig;
  /** The service's own token for its config (e.g. CALLS_CONFIG), provided everywhere in the service. */
  configToken: InjectionToken;
  logger: Logger;
  /** Database this service owns (one database per service). */
  database: string;
}

/** What every NATS service needs: its config, logs, its own database, the event bus, the outbox, health. */
@Global()
@Module({})
export class ServiceKitModule implements OnApplicationShutdown {
  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(OutboxRelay) private readonly outbox: OutboxRelay,
  ) {}

  static forService(options: ServiceKitOptions): DynamicModule {
    captureQueryShapes();
    return {
      module: ServiceKitModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { logger: options.logger, autoLogging: false } }),
        MongooseModule.forRoot(options.config.MONGO_URL, {
          dbName: options.database,
          autoIndex: true,
          serverSelectionTimeoutMS: 5000,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        TerminusModule,
      ],
      controllers: [HealthController, LivenessController],
      providers: [
        { provide: options.configToken, useValue: options.config },
        { provide: ROOT_LOGGER, useValue: options.logger },
        { provide: EventBus, useFactory: () => EventBus.connect(options.config.NATS_URL, options.name, options.logger) },
        { provide: OutboxRelay, useFactory: (bus: EventBus) => new OutboxRelay(bus, options.logger), inject: [EventBus] },
        NatsHealthIndicator,
      ],
      exports: [options.configToken, ROOT_LOGGER, EventBus, OutboxRelay],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.stop();
    await this.bus.close();
  }
}
