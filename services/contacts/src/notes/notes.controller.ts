import { ContactsSubjects, NoteBodyDto, PageQueryDto, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { NotesService } from './notes.service';

@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @RpcHandler(ContactsSubjects.notesList)
  list({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.notesList>) {
    const { contactId, ...page } = data;
    return this.notes.list(ctx, contactId, validateDto(PageQueryDto, page));
  }

  @RpcHandler(ContactsSubjects.notesCreate)
  create({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.notesCreate>) {
    const { contactId, ...body } = data;
    return this.notes.create(ctx, contactId, validateDto(NoteBodyDto, body).body);
  }

  @RpcHandler(ContactsSubjects.notesUpdate)
  update({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.notesUpdate>) {
    const { contactId, noteId, ...body } = data;
    return this.notes.update(ctx, contactId, noteId, validateDto(NoteBodyDto, body).body);
  }

  @RpcHandler(ContactsSubjects.notesDelete)
  async delete({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.notesDelete>) {
    await this.notes.delete(ctx, data.contactId, data.noteId);
    return { deleted: true };
  }
}
