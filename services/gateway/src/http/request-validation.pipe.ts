import { DomainError, fieldErrorsOf, STRICT_VALIDATION } from '@conversations/service-kit';
import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';

/**
 * Bodies and queries are validated against the contracts DTOs before anything is sent to a service:
 * unknown fields are named errors (never silently dropped), and every failure is a 422 VALIDATION_FAILED
 * with messages per field, the same shape the services answer with.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...STRICT_VALIDATION,
      transform: true,
      exceptionFactory: (errors) => DomainError.validation(fieldErrorsOf(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const validatesAClass = typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (validatesAClass && metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw DomainError.validation({ body: ['body must be a JSON object (send Content-Type: application/json)'] });
    }
    return super.transform(value, metadata);
  }
}
