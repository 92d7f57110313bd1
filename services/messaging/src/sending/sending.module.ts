import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { SendWorker } from './send-worker';

/** The send worker, started in this process unless SEND_WORKER=off (then src/worker.ts runs it). */
@Module({ providers: [SendWorker], exports: [SendWorker] })
export class SendingModule implements OnApplicationBootstrap {
  constructor(
    private readonly worker: SendWorker,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SEND_WORKER === 'embedded') await this.worker.start();
  }
}
