import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { BODY_LIMIT } from '../config';

/** What body-parser (http-errors) raises: a status and a machine-readable type. */
interface BodyParserError {
  type?: string;
  status?: number;
  message: string;
}

/**
 * Express error middleware placed right after the JSON parser: its failures become domain errors the
 * exception filter answers like any other (Nest would otherwise reduce them to a bare 400 or 413).
 */
export function translateBodyParserErrors(error: unknown, _request: unknown, _response: unknown, next: (error: unknown) => void): void {
  next(toDomainError(error as BodyParserError));
}

function toDomainError(error: BodyParserError): unknown {
  switch (error?.type) {
    case 'entity.parse.failed':
      return new DomainError(ErrorCodes.MALFORMED_REQUEST, `The request body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new DomainError(ErrorCodes.PAYLOAD_TOO_LARGE, `The request body is larger than the ${BODY_LIMIT} limit`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
      return new DomainError(ErrorCodes.MALFORMED_REQUEST, `The request body cannot be read: ${error.message}`);
    default:
      return error;
  }
}
