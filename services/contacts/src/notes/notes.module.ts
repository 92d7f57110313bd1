import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsModule } from '../contacts/contacts.module';
import { NOTE_MODEL, noteSchema } from './note.schema';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: NOTE_MODEL, schema: noteSchema }]), ContactsModule],
  controllers: [NotesController],
  providers: [NotesService],
  exports: [MongooseModule],
})
export class NotesModule {}
