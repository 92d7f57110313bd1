import { type ErrorBody, type ErrorCode, ErrorCodes, type FieldErrors } from '@conversations/contracts';
import type { ValidationError } from 'class-validator';

/** A failure the caller caused or can act on; travels over NATS as an ErrorBody. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: FieldErrors; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }

  static validation(fields: FieldErrors, message = 'Some fields are invalid'): DomainError {
    return new DomainError(ErrorCodes.VALIDATION_FAILED, message, { fields });
  }

  static notFound(code: ErrorCode, what: string): DomainError {
    return new DomainError(code, `${what} not found`);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

/** class-validator errors → `{ 'address.city': ['city must be …'] }`. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints).map(humanise);
    if (error.children?.length) Object.assign(fields, fieldErrorsOf(error.children, path));
  }
  return fields;
}

function humanise(message: string): string {
  return message.startsWith('property ') && message.endsWith(' should not exist')
    ? `${message.slice('property '.length, -' should not exist'.length)} is not a known field`
    : message;
}
