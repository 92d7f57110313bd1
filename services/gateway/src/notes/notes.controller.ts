import { ContactsSubjects, ErrorCodes, NoteBodyDto, NoteView, Page, PageQueryDto, RequestContext } from '@conversations/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { CONTACT_ID } from '../contacts/contacts.controller';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { ContactsClient } from '../nats/service-client';

const NOTE_ID = new ObjectIdPipe(ErrorCodes.NOTE_NOT_FOUND, 'Note');

/** A contact's notes, most recent first (F29). */
@ApiTags('notes')
@ApiAuthenticated()
@ApiParam({ name: 'contactId', description: 'contact id' })
@Controller('contacts/:contactId/notes')
export class NotesController {
  constructor(private readonly contacts: ContactsClient) {}

  @Get()
  @ApiOperation({ summary: 'A page of the contact’s notes, most recently updated first' })
  @ApiQueryOf(PageQueryDto, { cursor: 'the `nextCursor` of the previous page', limit: 'page size, 1–100' })
  @ApiView(HttpStatus.OK, 'NotePage')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  list(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<NoteView>> {
    return this.contacts.request(ContactsSubjects.notesList, ctx, { contactId, ...page });
  }

  @Post()
  @ApiOperation({ summary: 'Add a note' })
  @ApiJsonBody(NoteBodyDto)
  @ApiView(HttpStatus.CREATED, 'NoteView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  create(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Body() note: NoteBodyDto,
  ): Promise<NoteView> {
    return this.contacts.request(ContactsSubjects.notesCreate, ctx, { contactId, body: note.body });
  }

  @Patch(':noteId')
  @ApiOperation({ summary: 'Edit a note' })
  @ApiParam({ name: 'noteId', description: 'note id' })
  @ApiJsonBody(NoteBodyDto)
  @ApiView(HttpStatus.OK, 'NoteView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  update(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Param('noteId', NOTE_ID) noteId: string,
    @Body() note: NoteBodyDto,
  ): Promise<NoteView> {
    return this.contacts.request(ContactsSubjects.notesUpdate, ctx, { contactId, noteId, body: note.body });
  }

  @Delete(':noteId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a note' })
  @ApiParam({ name: 'noteId', description: 'note id' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async delete(
    @CallerContext() ctx: RequestContext,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Param('noteId', NOTE_ID) noteId: string,
  ): Promise<void> {
    await this.contacts.request(ContactsSubjects.notesDelete, ctx, { contactId, noteId });
  }
}
