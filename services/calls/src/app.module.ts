import { ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CallsModule } from './calls/calls.module';
import { CarrierModule } from './carrier/carrier.module';
import { ClickToCallModule } from './click-to-call/click-to-call.module';
import { CALLS_CONFIG, CallsConfig } from './config';
import { OutboxSweepModule } from './outbox-sweep.module';
import { StoreModule } from './store.module';
import { VoiceModule } from './voice/voice.module';

@Module({})
export class AppModule {
  static register(config: CallsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'calls', config, logger, database: config.MONGO_DB }),
        { module: ConfigHolder, global: true, providers: [{ provide: CALLS_CONFIG, useValue: config }], exports: [CALLS_CONFIG] },
        StoreModule,
        CarrierModule,
        CallsModule,
        ClickToCallModule,
        VoiceModule,
        OutboxSweepModule,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
