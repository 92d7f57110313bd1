import { Module } from '@nestjs/common';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../config';
import { addressPolicyFor } from './address-policy';
import { type Connector, type Resolver, SafeHttpClient } from './safe-http-client';

/** How names are resolved and connections opened; tests replace both (they never reach a non-loopback address). */
export interface OutboundOverrides {
  resolver?: Resolver;
  connector?: Connector;
}
/** Provided by AppModule.register (empty in production). */
export const OUTBOUND_OVERRIDES = Symbol('OUTBOUND_OVERRIDES');

@Module({
  providers: [
    {
      provide: SafeHttpClient,
      useFactory: (config: WebhooksConfig, overrides: OutboundOverrides) =>
        new SafeHttpClient(addressPolicyFor(config.NODE_ENV), overrides.resolver, overrides.connector),
      inject: [WEBHOOKS_CONFIG, OUTBOUND_OVERRIDES],
    },
  ],
  exports: [SafeHttpClient],
})
export class OutboundModule {}
