import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { DndController } from './dnd.controller';

@Module({ imports: [ContactsModule], controllers: [DndController] })
export class DndModule {}
