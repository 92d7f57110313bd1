import { createLogger, httpMetricsMiddleware, httpTracingMiddleware, initTracing, serveMetrics } from '@conversations/service-kit';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { BODY_LIMIT, type GatewayConfig } from './config';
import { setupApiDocs } from './docs/openapi';
import { translateBodyParserErrors } from './http/body-parser-errors';
import { corsOptionsOf } from './http/cors';
import { createHttpLogger } from './http/http-logger';

export const API_PREFIX = 'api/v1';

/**
 * The gateway as a Nest app, ready to `listen` (main.ts) or to be driven in-process (tests). The order
 * of the HTTP layers matters: request id + access log, then CORS, then the JSON body parser (whose
 * failures — bad JSON, over 100kb — thus still get an id, a log line and an `{ error }` body).
 */
export async function createGateway(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway', config.LOG_LEVEL),
): Promise<NestExpressApplication> {
  initTracing('gateway');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger), {
    bodyParser: false,
    bufferLogs: true,
    // Open keep-alive and event-stream connections must not hold a shutdown hostage.
    forceCloseConnections: true,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.use(createHttpLogger(logger));
  app.use(httpMetricsMiddleware);
  app.use(httpTracingMiddleware);
  serveMetrics(app);
  app.enableCors(corsOptionsOf(config));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(translateBodyParserErrors);
  app.disable('x-powered-by');
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live'] });
  app.enableShutdownHooks();
  setupApiDocs(app);
  return app;
}

/** Listens on GATEWAY_PORT/HTTP_HOST and logs the line scripts and tests wait for. Returns the base URL. */
export async function listenGateway(app: INestApplication, config: GatewayConfig, logger: Logger): Promise<string> {
  await app.listen(config.GATEWAY_PORT, config.HTTP_HOST);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.HTTP_HOST.includes(':') ? `[${config.HTTP_HOST}]` : config.HTTP_HOST}:${port}`;
  logger.info(
    { url, api: `${url}/${API_PREFIX}`, docs: `${url}/api/docs`, namespace: config.NATS_NAMESPACE || undefined },
    `gateway service ready at ${url}`,
  );
  return url;
}
