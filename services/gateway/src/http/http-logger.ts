import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { GatewayRequest, GatewayResponse } from './gateway-request';

/** A client-chosen correlation id is kept only if it is short and harmless in logs and headers. */
const USABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The request's correlation id, echoed back so a user's bug report can be matched with every log line. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  const id = typeof sent === 'string' && USABLE_REQUEST_ID.test(sent) ? sent : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The path without its query string: `?access_token=` must never reach a log. */
function pathOf(request: IncomingMessage): string {
  const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '';
  return url.split('?')[0];
}

/**
 * The HTTP access log: one line per request (method, path, status, duration, tenant, error code), and a
 * request logger with `requestId` bound so every line logged while handling the request carries it.
 * Installed before the body parser so even a request whose body cannot be parsed is logged and answered
 * with its id.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  const summary = (request: IncomingMessage, response: ServerResponse, value: { ms?: number }) => {
    const gatewayRequest = request as GatewayRequest;
    return {
      method: request.method,
      path: pathOf(request),
      status: response.statusCode,
      ms: value.ms,
      tenantId: gatewayRequest.caller?.tenantId,
      userId: gatewayRequest.caller?.userId,
      code: (response as GatewayResponse).errorCode,
    };
  };
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    quietReqLogger: true,
    quietResLogger: true,
    // Probes hit these every few seconds; their failures still show in the health endpoint's own answer.
    autoLogging: { ignore: (request) => pathOf(request).startsWith('/health') },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customSuccessObject: summary,
    customErrorObject: (request, response, _error, value) => summary(request, response, value),
  });
}
