import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { RequestValidationPipe } from '../http/request-validation.pipe';
import { HttpExceptionFilter } from './http-exception.filter';

/** Every failure answers `{ "error": ErrorBody }` (the filter); every body and query is validated first (the pipe). */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    { provide: APP_PIPE, useClass: RequestValidationPipe },
  ],
})
export class ErrorsModule {}
