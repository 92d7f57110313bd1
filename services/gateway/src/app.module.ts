import { ROOT_LOGGER } from '@conversations/service-kit';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppointmentsModule } from './appointments/appointments.module';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { ContactsModule } from './contacts/contacts.module';
import { DispositionsModule } from './dispositions/dispositions.module';
import { ErrorsModule } from './errors/errors.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MessagingModule } from './messaging/messaging.module';
import { NatsModule } from './nats/nats.module';
import { NotesModule } from './notes/notes.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TagsModule } from './tags/tags.module';
import { TeamMembersModule } from './team-members/team-members.module';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module';

@Module({})
class GatewayConfigModule {}

@Module({})
export class AppModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: GatewayConfigModule,
          global: true,
          providers: [
            { provide: GATEWAY_CONFIG, useValue: config },
            { provide: ROOT_LOGGER, useValue: logger },
          ],
          exports: [GATEWAY_CONFIG, ROOT_LOGGER],
        },
        // pino-http itself is installed in gateway.ts ahead of the body parser; this binds its request logger.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] }),
        NatsModule.register(config),
        AuthModule.register(config),
        RateLimitModule.register(config),
        ErrorsModule,
        IdempotencyModule,
        HealthModule,
        ContactsModule,
        NotesModule,
        AppointmentsModule,
        TagsModule,
        DispositionsModule,
        TeamMembersModule,
        MessagingModule,
        CallsModule,
        WebhookEndpointsModule,
        EventsModule,
      ],
      providers: [
        // In this order: the rate limit counts per user and tenant, so the token is verified first.
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
