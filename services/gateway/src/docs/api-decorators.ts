import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { dtoSchema, registerDocumentedDto } from './dto-schemas';
import { ref } from './schema-builders';

type Dto = abstract new (...args: never[]) => object;

const ERROR_DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST: the body is not valid JSON',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED: the access token is missing, malformed, expired or wrongly signed',
  [HttpStatus.NOT_FOUND]: 'not found in the caller’s account (ids of other accounts answer the same)',
  [HttpStatus.CONFLICT]: 'a unique value (phone, name) is already taken; `details` names the holder where known',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE: the body is over 100kb',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'VALIDATION_FAILED: `fields` holds the messages per field (unknown fields included)',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED: too many requests for this account',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE: a backend service cannot be reached; nothing was done',
  [HttpStatus.GATEWAY_TIMEOUT]:
    'SERVICE_TIMEOUT: a backend service did not answer in time; a change may have been made (retry with the same Idempotency-Key)',
};

/** The JSON body is one of the contracts DTOs; its schema is generated from the DTO's validation rules. */
export function ApiJsonBody(dto: Dto) {
  registerDocumentedDto(dto);
  return ApiBody({ required: true, schema: ref(dto.name) });
}

/** Each property of a query DTO as a documented query parameter (a query parameter is never null). */
export function ApiQueryOf<T extends object>(
  dto: abstract new (...args: never[]) => T,
  descriptions: Partial<Record<keyof T, string>> = {},
) {
  registerDocumentedDto(dto);
  const schema = dtoSchema(dto);
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const { nullable: _nullable, ...parameterSchema } = property as SchemaObject;
      const description = descriptions[name as keyof T];
      return ApiQuery({ name, required: required.has(name), schema: parameterSchema, ...(description ? { description } : {}) });
    }),
  );
}

/** A successful answer whose body is one of the view schemas (see view-schemas.ts). */
export function ApiView(status: HttpStatus, view: string, description?: string) {
  return ApiResponse({ status, description: description ?? view, schema: ref(view) });
}

export function ApiViewList(view: string, description?: string) {
  return ApiResponse({ status: HttpStatus.OK, description: description ?? `${view} list`, schema: { type: 'array', items: ref(view) } });
}

function errorResponse(status: HttpStatus) {
  return ApiResponse({ status, description: ERROR_DESCRIPTIONS[status] ?? 'error', schema: ref('ErrorResponse') });
}

/** The error answers a route can give, each `{ "error": ErrorBody }`; 429, 503 and 504 apply to every route. */
export function ApiErrors(...statuses: HttpStatus[]) {
  const everywhere = [HttpStatus.TOO_MANY_REQUESTS, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT];
  return applyDecorators(...[...new Set([...statuses, ...everywhere])].map(errorResponse));
}

/**
 * On a controller: every route needs `Authorization: Bearer <token>` and may answer 401; a token for
 * several accounts names the one a request acts in with `X-Tenant-Id` (403 when the user is not a member).
 */
export function ApiAuthenticated() {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'X-Tenant-Id',
      required: false,
      description: 'the account this request acts in; required when the access token lists several (`tenants` claim)',
    }),
    errorResponse(HttpStatus.UNAUTHORIZED),
  );
}
