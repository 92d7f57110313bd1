import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What Express adds to a request once a route matched. */
type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/**
 * Prometheus metrics of this process, served at GET /metrics on its HTTP port (a service's health
 * port, the gateway's API port — which the Ingress does not route, so they stay inside the cluster).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const rpcDuration = new Histogram({
  name: 'conversations_rpc_duration_seconds',
  help: 'NATS request handling time per subject; outcome is ok or the error code',
  labelNames: ['subject', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'conversations_http_request_duration_seconds',
  help: 'HTTP request time per route template and status',
  labelNames: ['method', 'route', 'status'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** Durable consumers this process reads, and how to ask how far behind they are. */
const consumerLag = new Map<string, () => Promise<number>>();

new Gauge({
  name: 'conversations_jetstream_consumer_pending',
  help: 'events stored but not yet delivered to a durable consumer (lag), plus those awaiting an ack',
  labelNames: ['durable'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const [durable, pending] of consumerLag) {
      const value = await pending().catch(() => undefined);
      if (value !== undefined) this.set({ durable }, value);
    }
  },
});

export function trackConsumerLag(durable: string, pending: () => Promise<number>): void {
  consumerLag.set(durable, pending);
}

export function serveMetrics(app: INestApplication): void {
  app.getHttpAdapter().get('/metrics', async (_request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('content-type', metricsRegistry.contentType);
    response.end(await metricsRegistry.metrics());
  });
}

/** Express middleware timing every HTTP request by its route template (never the raw path: bounded labels). */
export function httpMetricsMiddleware(request: RoutedRequest, response: ServerResponse, next: () => void): void {
  const stop = httpDuration.startTimer({ method: request.method ?? 'GET' });
  response.once('finish', () => {
    const route = request.route?.path;
    stop({ route: route ? `${request.baseUrl ?? ''}${route}` : 'unmatched', status: String(response.statusCode) });
  });
  next();
}
