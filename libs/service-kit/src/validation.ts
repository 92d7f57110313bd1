import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError, fieldErrorsOf } from './errors';

type Constructor<T> = new () => T;

/** The validator options used at every boundary: unknown fields are errors, not silently dropped. */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Validates plain data against a contracts DTO, throwing VALIDATION_FAILED with field messages. */
export function validateDto<T extends object>(dto: Constructor<T>, data: unknown): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw DomainError.validation({ body: ['body must be a JSON object'] });
  }
  const instance = plainToInstance(dto, data);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length) throw DomainError.validation(fieldErrorsOf(errors));
  return instance;
}
