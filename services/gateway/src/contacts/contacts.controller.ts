import {
  ContactListItem,
  ContactsSubjects,
  ContactView,
  CreateContactDto,
  ErrorCodes,
  FindOrCreateByPhoneDto,
  FindOrCreateResult,
  ListContactsQueryDto,
  Page,
  RequestContext,
  SetAssignmentDto,
  SetContactTagsDto,
  SetDispositionDto,
  UpdateContactDto,
  UpdateDndDto,
} from '@conversations/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import type { GatewayResponse } from '../http/gateway-request';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { ContactsClient } from '../nats/service-client';

export const CONTACT_ID = new ObjectIdPipe(ErrorCodes.CONTACT_NOT_FOUND, 'Contact');

/** Contacts (F1–F5, F26) and the per-contact settings of the details panel (F19, F27, F28, F32). */
@ApiTags('contacts')
@ApiAuthenticated()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsClient) {}

  @Get()
  @ApiOperation({
    summary: 'List contacts, newest first, or search them (F1, F2, F4, F5)',
    description:
      '`q` matches name words by prefix (case- and accent-insensitive) or a phone number in any format. Pages are cursor-based: ' +
      'pass `nextCursor` back as `cursor`; contacts created meanwhile never shift or repeat rows. `pinned` puts one contact first on the first page.',
  })
  @ApiQueryOf(ListContactsQueryDto, {
    q: 'name words (prefix, any case or accents) or a phone number in any format',
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 25)',
    pinned: 'a contact id to show first on the first page (deep link)',
  })
  @ApiView(HttpStatus.OK, 'ContactListPage')
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListContactsQueryDto): Promise<Page<ContactListItem>> {
    return this.contacts.request(ContactsSubjects.list, ctx, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a contact (F26); the phone is normalised to E.164' })
  @ApiJsonBody(CreateContactDto)
  @ApiView(HttpStatus.CREATED, 'ContactView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNPROCESSABLE_ENTITY)
  create(@CallerContext() ctx: RequestContext, @Body() body: CreateContactDto): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.create, ctx, body);
  }

  @Post('find-or-create')
  @ApiOperation({ summary: 'The contact with this phone number, created if there is none (201 when created, 200 when found)' })
  @ApiJsonBody(FindOrCreateByPhoneDto)
  @ApiView(HttpStatus.OK, 'FindOrCreateResult', 'an existing contact')
  @ApiView(HttpStatus.CREATED, 'FindOrCreateResult', 'a new contact')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_ENTITY)
  async findOrCreate(
    @CallerContext() ctx: RequestContext,
    @Body() body: FindOrCreateByPhoneDto,
    @Res({ passthrough: true }) response: GatewayResponse,
  ): Promise<FindOrCreateResult> {
    const result = await this.contacts.request(ContactsSubjects.findOrCreateByPhone, ctx, body);
    response.statusCode = result.created ? HttpStatus.CREATED : HttpStatus.OK;
    return result;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contact with everything the details panel shows (F3, F26)' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CallerContext() ctx: RequestContext, @Param('id', CONTACT_ID) id: string): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.get, ctx, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some contact fields (F26); `null` clears an optional field' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(UpdateContactDto)
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.CONFLICT,
    HttpStatus.PAYLOAD_TOO_LARGE,
    HttpStatus.UNPROCESSABLE_ENTITY,
  )
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) id: string,
    @Body() changes: UpdateContactDto,
  ): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.update, ctx, { id, changes });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a contact' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async delete(@CallerContext() ctx: RequestContext, @Param('id', CONTACT_ID) id: string): Promise<void> {
    await this.contacts.request(ContactsSubjects.delete, ctx, { id });
  }

  @Put(':id/tags')
  @ApiOperation({ summary: 'Replace the contact’s tags (F28); publishes evt.contacts.tags-changed' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(SetContactTagsDto)
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  setTags(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) id: string,
    @Body() body: SetContactTagsDto,
  ): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.setTags, ctx, { id, tagIds: body.tagIds });
  }

  @Put(':id/disposition')
  @ApiOperation({ summary: 'Set or clear (null) the contact’s disposition (F27); publishes evt.contacts.disposition-changed' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(SetDispositionDto)
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  setDisposition(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) id: string,
    @Body() body: SetDispositionDto,
  ): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.setDisposition, ctx, { id, dispositionId: body.dispositionId });
  }

  @Patch(':id/dnd')
  @ApiOperation({ summary: 'Change Do Not Contact per channel (F22, F32); the change is recorded in dndHistory' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(UpdateDndDto)
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  updateDnd(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) id: string,
    @Body() changes: UpdateDndDto,
  ): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.updateDnd, ctx, { id, changes });
  }

  @Put(':id/assignment')
  @ApiOperation({ summary: 'Assign the contact: unassigned, the company, or a team member (F19)' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(SetAssignmentDto)
  @ApiView(HttpStatus.OK, 'ContactView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  assign(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) id: string,
    @Body() assignment: SetAssignmentDto,
  ): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.assign, ctx, { id, assignment });
  }
}
