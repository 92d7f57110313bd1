import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { EventBus } from './event-bus';

@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  async check(key: string) {
    const session = this.indicators.check(key);
    if (this.bus.connection.isClosed()) return session.down({ message: 'connection closed' });
    try {
      const rtt = await Promise.race([
        this.bus.connection.rtt(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 1500 ms')), 1500).unref()),
      ]);
      return session.up({ rttMs: Math.round(rtt) });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}

/** Readiness: the store answers a ping and NATS answers a round trip. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly nats: NatsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.mongo.pingCheck('store', { timeout: 1500 }), () => this.nats.check('nats')]);
  }
}

/** Liveness: the process and its event loop are alive (no dependency checks, so no restart storms). */
@Controller('health')
export class LivenessController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
