import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ConfigError, type ServiceConfig } from './config';
import { RpcLoggingInterceptor } from './logging';
import { serveMetrics } from './metrics';
import { initTracing } from './tracing';
import { NamespacedNatsServer } from './nats-transport';
import { RpcErrorFilter } from './rpc-errors';

export interface RunningService {
  app: INestApplication;
  healthUrl: string;
  close: () => Promise<void>;
}

/**
 * Boots a NATS microservice (request/reply in the queue group `name`, so replicas share the load)
 * with an HTTP side for /health. SIGTERM unsubscribes, lets in-flight requests finish, then exits.
 */
export async function bootstrapService(
  name: string,
  appModule: Type | ReturnType<() => object>,
  config: ServiceConfig,
  logger: Logger,
): Promise<RunningService> {
  initTracing(name);
  const app = await NestFactory.create(appModule as Type, { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  // Filters and interceptors must be registered before connectMicroservice: `inheritAppConfig` copies them
  // at connect time, and without the filter every domain error would reach the caller as "Internal server error".
  app.useGlobalFilters(new RpcErrorFilter(logger));
  app.useGlobalInterceptors(new RpcLoggingInterceptor(logger, config.NATS_NAMESPACE));
  app.connectMicroservice(
    {
      strategy: new NamespacedNatsServer(
        {
          servers: config.NATS_URL.split(','),
          name,
          queue: name,
          gracefulShutdown: true,
          gracePeriod: 2_000,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          waitOnFirstConnect: true,
        },
        config.NATS_NAMESPACE,
      ),
    },
    { inheritAppConfig: true },
  );
  app.enableShutdownHooks();
  serveMetrics(app);
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address() as { port: number };
  const healthUrl = `http://${config.HTTP_HOST}:${address.port}/health`;
  logger.info({ healthUrl, namespace: config.NATS_NAMESPACE || undefined }, `${name} service ready`);
  return { app, healthUrl, close: () => app.close() };
}

/** Entry-point wrapper: a configuration error prints its message alone and exits 1. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  });
}
