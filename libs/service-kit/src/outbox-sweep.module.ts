import { type DynamicModule, Inject, Module, type ModuleMetadata, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxRelay } from './outbox';

const OUTBOX_SWEEP_OPTIONS = Symbol('OUTBOX_SWEEP_OPTIONS');

export interface OutboxSweepOptions {
  /** How often to republish (the service's OUTBOX_SWEEP_MS). */
  intervalMs: number;
  /** Modules that register the swept models, when the app does not import them before this module. */
  imports?: ModuleMetadata['imports'];
}

interface SweptModels {
  modelNames: string[];
  intervalMs: number;
}

/** Republishes events a crash left in the outboxes of the named models (see OutboxRelay). */
@Module({})
export class OutboxSweepModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    @Inject(OUTBOX_SWEEP_OPTIONS) private readonly swept: SweptModels,
  ) {}

  static forModels(modelNames: string[], options: OutboxSweepOptions): DynamicModule {
    return {
      module: OutboxSweepModule,
      imports: options.imports ?? [],
      providers: [{ provide: OUTBOX_SWEEP_OPTIONS, useValue: { modelNames, intervalMs: options.intervalMs } satisfies SweptModels }],
    };
  }

  onApplicationBootstrap(): void {
    // Models are registered by the feature modules; not strict: look them up anywhere in the app.
    const models = this.swept.modelNames.map((name) => this.moduleRef.get<Model<unknown>>(getModelToken(name), { strict: false }));
    this.relay.startSweeps(models, this.swept.intervalMs);
  }
}
