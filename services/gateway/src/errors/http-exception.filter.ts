import { ErrorBody, ErrorCodes } from '@conversations/contracts';
import { DomainError, ROOT_LOGGER } from '@conversations/service-kit';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import type { GatewayRequest, GatewayResponse } from '../http/gateway-request';
import { errorCodeOfHttpStatus, httpStatusOf, isMappedErrorCode } from './http-status';

/**
 * Every failure of every route leaves as `{ "error": ErrorBody }` with the status of its code: domain
 * errors from services, validation, auth, rate limits (RateLimitGuard), unknown routes, unparseable or oversized bodies
 * (see http/body-parser-errors.ts).
 * Only a fault of ours is a 500; it is logged with its stack and its details never reach the client.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const response = http.getResponse<GatewayResponse>();
    const log = request.log ?? this.logger;
    const body = this.toBody(exception, request, log);
    const status = httpStatusOf(body.code);
    if (!isMappedErrorCode(body.code)) {
      log.error({ code: body.code }, 'error code without an HTTP status; add it to errors/http-status.ts');
    }
    response.errorCode = body.code;
    if (response.headersSent) {
      // A streaming response (SSE) already started: the only honest signal left is to end it.
      response.end();
      return;
    }
    this.adapterHost.httpAdapter.reply(response, { error: body }, status);
  }

  private toBody(exception: unknown, request: GatewayRequest, log: Logger): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof HttpException) return this.fromHttpException(exception, request);
    log.error({ err: exception }, 'unhandled error while answering a request');
    return { code: ErrorCodes.INTERNAL, message: 'Something went wrong on our side; it has been logged' };
  }

  private fromHttpException(exception: HttpException, request: GatewayRequest): ErrorBody {
    const status = exception.getStatus();
    const code = errorCodeOfHttpStatus(status);
    if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
      return {
        code,
        message: `There is no route ${request.method} ${((request as { originalUrl?: string }).originalUrl ?? request.url ?? '').split('?')[0]}`,
      };
    }
    const payload = exception.getResponse();
    if (typeof payload === 'object' && payload !== null && 'status' in payload && 'details' in payload) {
      // @nestjs/terminus: the failing health indicators.
      return { code, message: 'A dependency of the gateway is unavailable', details: payload as Record<string, unknown> };
    }
    return { code, message: messageOf(payload) ?? exception.message };
  }
}

function messageOf(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (typeof payload !== 'object' || payload === null) return undefined;
  const message = (payload as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}
