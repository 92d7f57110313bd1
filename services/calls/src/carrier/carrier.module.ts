import { Global, Module } from '@nestjs/common';
import { CALLS_CONFIG, CallsConfig } from '../config';
import { PlivoVoiceCarrier } from './plivo-voice-carrier';
import { VoiceCarrier } from './voice-carrier';

@Global()
@Module({
  providers: [{ provide: VoiceCarrier, useFactory: (config: CallsConfig) => new PlivoVoiceCarrier(config), inject: [CALLS_CONFIG] }],
  exports: [VoiceCarrier],
})
export class CarrierModule {}
