import { NatsHealthIndicator } from '@conversations/service-kit';
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';

/**
 * Readiness (`/health`): NATS answers a round trip — without it no request can be served. Liveness
 * (`/health/live`): the process and its event loop are alive, with no dependency checks (no restart storms).
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.nats.check('nats')]);
  }

  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
