import { contactCopySyncProvider } from '@conversations/contact-copies';
import { Module } from '@nestjs/common';
import { CALLS_CONFIG } from '../config';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';

@Module({
  controllers: [CallsController],
  // Keeps every call's copy of its contact current (the update itself only takes copies newer than its own).
  providers: [CallsService, contactCopySyncProvider('calls', CallsService, CALLS_CONFIG)],
  exports: [CallsService],
})
export class CallsModule {}
