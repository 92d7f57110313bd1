import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ConversationsService } from '../conversations/conversations.service';
import { NumbersService } from '../numbers/numbers.service';
import { QuietHours } from './quiet-hours';
import { ScheduledSender } from './scheduled-sender';
import { SendTimeChecks } from './send-time-checks';

/**
 * F38, the worker side: scheduled messages sent at their time, wherever the send worker runs (this process
 * unless SEND_WORKER=off, or src/worker.ts). Its own providers, no NATS handlers: a worker answers no requests.
 */
@Module({ providers: [ScheduledSender, SendTimeChecks, QuietHours, ConversationsService, NumbersService], exports: [ScheduledSender] })
export class ScheduledSendingModule implements OnApplicationBootstrap {
  constructor(
    private readonly sender: ScheduledSender,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SEND_WORKER === 'embedded') this.sender.start();
  }
}
