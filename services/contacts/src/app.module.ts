import { ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AssignmentModule } from './assignment/assignment.module';
import { CONTACTS_CONFIG, ContactsConfig } from './config';
import { ContactsModule } from './contacts/contacts.module';
import { DispositionsModule } from './dispositions/dispositions.module';
import { DndModule } from './dnd/dnd.module';
import { NotesModule } from './notes/notes.module';
import { OutboxSweepModule } from './outbox-sweep.module';
import { StoreModule } from './store.module';
import { TagsModule } from './tags/tags.module';
import { TeamMembersModule } from './team-members/team-members.module';

@Module({})
export class AppModule {
  static register(config: ContactsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'contacts', config, logger, database: config.MONGO_DB }),
        { module: ConfigHolder, global: true, providers: [{ provide: CONTACTS_CONFIG, useValue: config }], exports: [CONTACTS_CONFIG] },
        StoreModule,
        ContactsModule,
        NotesModule,
        TagsModule,
        DispositionsModule,
        DndModule,
        AssignmentModule,
        TeamMembersModule,
        OutboxSweepModule,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
