import { OutboxSweepModule, ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AssignmentModule } from './assignment/assignment.module';
import { CONTACTS_CONFIG, ContactsConfig } from './config';
import { CONTACT_MODEL } from './contacts/contact.schema';
import { ContactsModule } from './contacts/contacts.module';
import { DispositionsModule } from './dispositions/dispositions.module';
import { DISPOSITION_MODEL } from './dispositions/dispositions.service';
import { DndModule } from './dnd/dnd.module';
import { NOTE_MODEL } from './notes/note.schema';
import { NotesModule } from './notes/notes.module';
import { StoreModule } from './store.module';
import { TagsModule } from './tags/tags.module';
import { TAG_MODEL } from './tags/tags.service';
import { TeamMembersModule } from './team-members/team-members.module';

@Module({})
export class AppModule {
  static register(config: ContactsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'contacts', config, configToken: CONTACTS_CONFIG, logger, database: config.MONGO_DB }),
        StoreModule,
        ContactsModule,
        NotesModule,
        TagsModule,
        DispositionsModule,
        DndModule,
        AssignmentModule,
        TeamMembersModule,
        OutboxSweepModule.forModels([CONTACT_MODEL, NOTE_MODEL, TAG_MODEL, DISPOSITION_MODEL], {
          intervalMs: config.OUTBOX_SWEEP_MS,
          imports: [NotesModule],
        }),
      ],
    };
  }
}
