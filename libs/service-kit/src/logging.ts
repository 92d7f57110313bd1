import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { RpcRequest } from '@conversations/contracts';
import pino, { Logger } from 'pino';
import { Observable, tap } from 'rxjs';
import { SpanKind } from '@opentelemetry/api';
import { rpcDuration } from './metrics';
import { endSpan, startSpan } from './tracing';

export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Logs, times and traces every NATS request, with the correlation id and trace the gateway put in its context. */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  /** `namespace`: the deployment prefix of subjects, left out of metric labels so dashboards work across deployments. */
  constructor(
    private readonly logger: Logger,
    private readonly namespace = '',
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const request = rpc.getData<RpcRequest>();
    const subject = (rpc.getContext() as { getSubject?: () => string }).getSubject?.();
    const logical =
      subject && this.namespace && subject.startsWith(`${this.namespace}.`) ? subject.slice(this.namespace.length + 1) : subject;
    const { span, traceId } = startSpan(`rpc ${logical ?? 'unknown'}`, SpanKind.SERVER, request?.ctx?.traceparent);
    const log = this.logger.child({ requestId: request?.ctx?.requestId, tenantId: request?.ctx?.tenantId, subject, traceId });
    const started = performance.now();
    const stop = rpcDuration.startTimer({ subject: logical ?? 'unknown' });
    return next.handle().pipe(
      tap({
        next: () => {
          stop({ outcome: 'ok' });
          endSpan(span);
          log.debug({ ms: Math.round(performance.now() - started) }, 'rpc ok');
        },
        error: (error: { code?: string; message?: string }) => {
          stop({ outcome: error?.code ?? 'INTERNAL' });
          endSpan(span, error);
          log.info({ ms: Math.round(performance.now() - started), code: error?.code ?? 'INTERNAL', msg: error?.message }, 'rpc failed');
        },
      }),
    );
  }
}
