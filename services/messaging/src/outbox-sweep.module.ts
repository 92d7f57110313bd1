import { OutboxRelay } from '@conversations/service-kit';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { ModuleRef } from '@nestjs/core';
import { Model } from 'mongoose';
import { MESSAGING_CONFIG, MessagingConfig } from './config';
import { CONVERSATION_MODEL } from './conversations/conversation.schema';
import { MESSAGE_MODEL } from './messages/message.schema';

/** Republishes events a crash left in any outbox of this service's collections. */
@Module({})
export class OutboxSweepModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  onApplicationBootstrap(): void {
    const models = [MESSAGE_MODEL, CONVERSATION_MODEL].map((name) =>
      this.moduleRef.get<Model<unknown>>(getModelToken(name), { strict: false }),
    );
    this.relay.startSweeps(models, this.config.OUTBOX_SWEEP_MS);
  }
}
