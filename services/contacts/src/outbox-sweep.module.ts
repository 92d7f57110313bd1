import { OutboxRelay } from '@conversations/service-kit';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { ModuleRef } from '@nestjs/core';
import { Model } from 'mongoose';
import { CONTACTS_CONFIG, ContactsConfig } from './config';
import { CONTACT_MODEL } from './contacts/contact.schema';
import { DISPOSITION_MODEL } from './dispositions/dispositions.service';
import { NOTE_MODEL } from './notes/note.schema';
import { NotesModule } from './notes/notes.module';
import { TAG_MODEL } from './tags/tags.service';

/** Republishes events a crash left in any outbox of this service's collections. */
@Module({ imports: [NotesModule] })
export class OutboxSweepModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    @Inject(CONTACTS_CONFIG) private readonly config: ContactsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const models = [CONTACT_MODEL, NOTE_MODEL, TAG_MODEL, DISPOSITION_MODEL].map((name) =>
      this.moduleRef.get<Model<unknown>>(getModelToken(name), { strict: false }),
    );
    this.relay.startSweeps(models, this.config.OUTBOX_SWEEP_MS);
  }
}
