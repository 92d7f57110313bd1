import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { RpcRequest } from '@conversations/contracts';
import pino, { Logger } from 'pino';
import { Observable, tap } from 'rxjs';

export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Logs every NATS request with the correlation id the gateway put in its context. */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  constructor(private readonly logger: Logger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const request = rpc.getData<RpcRequest>();
    const subject = (rpc.getContext() as { getSubject?: () => string }).getSubject?.();
    const log = this.logger.child({ requestId: request?.ctx?.requestId, tenantId: request?.ctx?.tenantId, subject });
    const started = performance.now();
    return next.handle().pipe(
      tap({
        next: () => log.debug({ ms: Math.round(performance.now() - started) }, 'rpc ok'),
        error: (error: { code?: string; message?: string }) =>
          log.info({ ms: Math.round(performance.now() - started), code: error?.code ?? 'INTERNAL', msg: error?.message }, 'rpc failed'),
      }),
    );
  }
}
