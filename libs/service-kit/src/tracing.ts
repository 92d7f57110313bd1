import { propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * OpenTelemetry tracing with W3C trace context. The gateway starts a span per HTTP request (continuing
 * the caller's `traceparent` if it sent one) and puts its `traceparent` into the RequestContext that
 * travels over NATS; each service continues it with a span per request. Spans are exported only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTLP/HTTP variables apply); trace ids are always logged.
 */
let provider: TracerProvider | undefined;

export function initTracing(service: string, options: { spanProcessors?: SpanProcessor[] } = {}): void {
  if (provider) return;
  const spanProcessors =
    options.spanProcessors ??
    (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] : []);
  provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
}

export interface StartedSpan {
  span: Span;
  /** The W3C `traceparent` naming this span: what a callee continues from. */
  traceparent?: string;
  traceId: string;
}

/** A span continuing `parent` (a W3C traceparent) or, without a valid one, starting a new trace. */
export function startSpan(name: string, kind: SpanKind, parent?: string): StartedSpan {
  const parentContext = parent ? propagation.extract(ROOT_CONTEXT, { traceparent: parent }) : ROOT_CONTEXT;
  const span = trace.getTracer('conversations').startSpan(name, { kind }, parentContext);
  const carrier: { traceparent?: string } = {};
  propagation.inject(trace.setSpan(parentContext, span), carrier);
  return { span, traceparent: carrier.traceparent, traceId: span.spanContext().traceId };
}

export function endSpan(span: Span, error?: { code?: string; message?: string }): void {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error.code ?? error.message });
  span.end();
}

type TracedRequest = IncomingMessage & { traceparent?: string; route?: { path?: string }; baseUrl?: string };

/** Express middleware: a server span per HTTP request; its traceparent goes on the request and the response. */
export function httpTracingMiddleware(request: TracedRequest, response: ServerResponse, next: () => void): void {
  const incoming = request.headers.traceparent;
  const started = startSpan(`HTTP ${request.method}`, SpanKind.SERVER, typeof incoming === 'string' ? incoming : undefined);
  request.traceparent = started.traceparent;
  if (started.traceparent) response.setHeader('traceparent', started.traceparent);
  response.once('finish', () => {
    const route = request.route?.path;
    if (route) started.span.updateName(`HTTP ${request.method} ${request.baseUrl ?? ''}${route}`);
    started.span.setAttribute('http.response.status_code', response.statusCode);
    endSpan(started.span, response.statusCode >= 500 ? { code: String(response.statusCode) } : undefined);
  });
  next();
}
