import { DynamicModule, Module } from '@nestjs/common';
import { devSignInEnabled, GatewayConfig } from '../config';
import { AccessTokens } from './access-tokens';
import { DevTokenController } from './dev-token.controller';

/** Access tokens: verification for every route, and local sign-in outside production. */
@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AuthModule,
      controllers: devSignInEnabled(config) ? [DevTokenController] : [],
      providers: [AccessTokens],
      exports: [AccessTokens],
    };
  }
}
