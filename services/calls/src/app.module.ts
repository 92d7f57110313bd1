import { OutboxSweepModule, ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CALL_MODEL } from './calls/call.schema';
import { CallsModule } from './calls/calls.module';
import { CarrierModule } from './carrier/carrier.module';
import { ClickToCallModule } from './click-to-call/click-to-call.module';
import { CALLS_CONFIG, CallsConfig } from './config';
import { StoreModule } from './store.module';
import { VoiceModule } from './voice/voice.module';

@Module({})
export class AppModule {
  static register(config: CallsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'calls', config, configToken: CALLS_CONFIG, logger, database: config.MONGO_DB }),
        StoreModule,
        CarrierModule,
        CallsModule,
        ClickToCallModule,
        VoiceModule,
        OutboxSweepModule.forModels([CALL_MODEL], { intervalMs: config.OUTBOX_SWEEP_MS }),
      ],
    };
  }
}
