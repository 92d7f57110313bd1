import { Global, Module } from '@nestjs/common';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { Carrier } from './carrier';
import { PlivoCarrier } from './plivo-carrier';

@Global()
@Module({
  providers: [{ provide: Carrier, useFactory: (config: MessagingConfig) => new PlivoCarrier(config), inject: [MESSAGING_CONFIG] }],
  exports: [Carrier],
})
export class CarrierModule {}
