import { Module } from '@nestjs/common';
import { ClickToCallController } from './click-to-call.controller';
import { ClickToCallService } from './click-to-call.service';

@Module({ controllers: [ClickToCallController], providers: [ClickToCallService] })
export class ClickToCallModule {}
