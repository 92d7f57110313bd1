import { OutboxRelay } from '@conversations/service-kit';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CALL_MODEL } from './calls/call.schema';
import { CALLS_CONFIG, CallsConfig } from './config';

/** Republishes call events a crash left in the calls' outboxes. */
@Module({})
export class OutboxSweepModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.startSweeps([this.moduleRef.get<Model<unknown>>(getModelToken(CALL_MODEL), { strict: false })], this.config.OUTBOX_SWEEP_MS);
  }
}
