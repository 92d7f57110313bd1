import { ErrorCode } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Injectable, PipeTransform } from '@nestjs/common';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/**
 * A path id that cannot be an id answers exactly like an id that does not exist (404 with the
 * resource's NOT_FOUND code): the caller learns nothing more, and no service is asked.
 */
@Injectable()
export class ObjectIdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly notFound: ErrorCode,
    private readonly label: string,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw DomainError.notFound(this.notFound, this.label);
    return value.toLowerCase();
  }
}
