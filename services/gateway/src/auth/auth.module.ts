import { DynamicModule, Module } from '@nestjs/common';
import { GatewayConfig } from '../config';
import { AccessTokens } from './access-tokens';
import { DevTokenController } from './dev-token.controller';

/** Access tokens: verification for every route, and local sign-in outside production. */
@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    const localSignIn = config.NODE_ENV !== 'production' && !!config.JWT_SECRET;
    return {
      module: AuthModule,
      controllers: localSignIn ? [DevTokenController] : [],
      providers: [AccessTokens],
      exports: [AccessTokens],
    };
  }
}
