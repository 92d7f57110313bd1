import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { ErrorBody, ErrorCodes } from '@conversations/contracts';
import type { Logger } from 'pino';
import { Observable, throwError } from 'rxjs';
import { DomainError, isErrorBody } from './errors';
import { TenantScopeError } from './tenancy';

/**
 * Every error a NATS handler throws leaves the service as an ErrorBody: domain errors as they are,
 * anything else as INTERNAL (logged here with its stack, never shown to the caller).
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorBody> {
    return throwError(() => this.toBody(exception, host));
  }

  private toBody(exception: unknown, host: ArgumentsHost): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof RpcException && isErrorBody(exception.getError())) return exception.getError() as ErrorBody;
    const data = host.getType() === 'rpc' ? host.switchToRpc().getData<{ ctx?: { requestId?: string } }>() : undefined;
    this.logger.error(
      { err: exception, requestId: data?.ctx?.requestId, tenantScope: exception instanceof TenantScopeError },
      'unhandled error in request handler',
    );
    return { code: ErrorCodes.INTERNAL, message: 'Something went wrong on our side; it has been logged' };
  }
}
