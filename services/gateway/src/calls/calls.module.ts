import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';
import { PlivoVoiceWebhooksController } from './plivo-voice-webhooks.controller';
import { RecordingsController } from './recordings.controller';
import { TimelineController } from './timeline.controller';

/** Calls routes: the Calls tab, click-to-call, recordings, the merged timeline and the carrier's voice webhooks. */
@Module({ controllers: [CallsController, TimelineController, RecordingsController, PlivoVoiceWebhooksController] })
export class CallsModule {}
