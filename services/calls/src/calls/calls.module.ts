import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { ContactSync } from './contact-sync';

@Module({ controllers: [CallsController], providers: [CallsService, ContactSync], exports: [CallsService] })
export class CallsModule {}
