import { ContactsSubjects, CreateTagDto, ErrorCodes, RequestContext, TagView, UpdateTagDto } from '@conversations/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiView, ApiViewList } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { ContactsClient } from '../nats/service-client';

const TAG_ID = new ObjectIdPipe(ErrorCodes.TAG_NOT_FOUND, 'Tag');

/** The tenant-wide tag catalogue the Tags multi-select offers (F28). */
@ApiTags('tags')
@ApiAuthenticated()
@Controller('tags')
export class TagsController {
  constructor(private readonly contacts: ContactsClient) {}

  @Get()
  @ApiOperation({ summary: 'Every tag of the account, by name' })
  @ApiViewList('TagView')
  @ApiErrors()
  list(@CallerContext() ctx: RequestContext): Promise<TagView[]> {
    return this.contacts.request(ContactsSubjects.tagsList, ctx, {});
  }

  @Post()
  @ApiOperation({ summary: 'Create a tag (names are unique per account, ignoring case and accents)' })
  @ApiJsonBody(CreateTagDto)
  @ApiView(HttpStatus.CREATED, 'TagView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  create(@CallerContext() ctx: RequestContext, @Body() body: CreateTagDto): Promise<TagView> {
    return this.contacts.request(ContactsSubjects.tagsCreate, ctx, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or recolour a tag' })
  @ApiParam({ name: 'id', description: 'tag id' })
  @ApiJsonBody(UpdateTagDto)
  @ApiView(HttpStatus.OK, 'TagView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  update(@CallerContext() ctx: RequestContext, @Param('id', TAG_ID) id: string, @Body() changes: UpdateTagDto): Promise<TagView> {
    return this.contacts.request(ContactsSubjects.tagsUpdate, ctx, { id, changes });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a tag' })
  @ApiParam({ name: 'id', description: 'tag id' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async delete(@CallerContext() ctx: RequestContext, @Param('id', TAG_ID) id: string): Promise<void> {
    await this.contacts.request(ContactsSubjects.tagsDelete, ctx, { id });
  }
}
