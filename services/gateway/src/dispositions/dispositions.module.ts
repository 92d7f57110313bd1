import { Module } from '@nestjs/common';
import { DispositionsController } from './dispositions.controller';

@Module({ controllers: [DispositionsController] })
export class DispositionsModule {}
