import { Module } from '@nestjs/common';
import { InboundCallsService } from '../inbound/inbound-calls.service';
import { VoiceController } from './voice.controller';
import { VoiceWebhooksService } from './voice-webhooks.service';

@Module({ controllers: [VoiceController], providers: [VoiceWebhooksService, InboundCallsService] })
export class VoiceModule {}
