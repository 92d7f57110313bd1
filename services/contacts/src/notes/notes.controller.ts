import { ContactsSubjects, NoteBodyDto, PageQueryDto, RpcRequest } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotesService } from './notes.service';

type NoteRef = { contactId: string; noteId: string };

@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @MessagePattern(ContactsSubjects.notesList)
  list(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & PageQueryDto>) {
    const { contactId, ...page } = data;
    return this.notes.list(ctx, String(contactId), validateDto(PageQueryDto, page));
  }

  @MessagePattern(ContactsSubjects.notesCreate)
  create(@Payload() { ctx, data }: RpcRequest<{ contactId: string; body: string }>) {
    const { contactId, ...body } = data;
    return this.notes.create(ctx, String(contactId), validateDto(NoteBodyDto, body).body);
  }

  @MessagePattern(ContactsSubjects.notesUpdate)
  update(@Payload() { ctx, data }: RpcRequest<NoteRef & { body: string }>) {
    const { contactId, noteId, ...body } = data;
    return this.notes.update(ctx, String(contactId), String(noteId), validateDto(NoteBodyDto, body).body);
  }

  @MessagePattern(ContactsSubjects.notesDelete)
  async delete(@Payload() { ctx, data }: RpcRequest<NoteRef>) {
    await this.notes.delete(ctx, String(data.contactId), String(data.noteId));
    return { deleted: true };
  }
}
