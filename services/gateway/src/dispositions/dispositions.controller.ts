import {
  ContactsSubjects,
  CreateDispositionDto,
  DispositionView,
  ErrorCodes,
  RequestContext,
  UpdateDispositionDto,
} from '@conversations/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiView, ApiViewList } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { ContactsClient } from '../nats/service-client';

const DISPOSITION_ID = new ObjectIdPipe(ErrorCodes.DISPOSITION_NOT_FOUND, 'Disposition');

/** The tenant-configurable dispositions the Dispositions dropdown offers (F27). */
@ApiTags('dispositions')
@ApiAuthenticated()
@Controller('dispositions')
export class DispositionsController {
  constructor(private readonly contacts: ContactsClient) {}

  @Get()
  @ApiOperation({ summary: 'Every disposition of the account, by name' })
  @ApiViewList('DispositionView')
  @ApiErrors()
  list(@CallerContext() ctx: RequestContext): Promise<DispositionView[]> {
    return this.contacts.request(ContactsSubjects.dispositionsList, ctx, {});
  }

  @Post()
  @ApiOperation({ summary: 'Create a disposition (names are unique per account, ignoring case and accents)' })
  @ApiJsonBody(CreateDispositionDto)
  @ApiView(HttpStatus.CREATED, 'DispositionView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  create(@CallerContext() ctx: RequestContext, @Body() body: CreateDispositionDto): Promise<DispositionView> {
    return this.contacts.request(ContactsSubjects.dispositionsCreate, ctx, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a disposition' })
  @ApiParam({ name: 'id', description: 'disposition id' })
  @ApiJsonBody(UpdateDispositionDto)
  @ApiView(HttpStatus.OK, 'DispositionView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', DISPOSITION_ID) id: string,
    @Body() changes: UpdateDispositionDto,
  ): Promise<DispositionView> {
    return this.contacts.request(ContactsSubjects.dispositionsUpdate, ctx, { id, changes });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a disposition' })
  @ApiParam({ name: 'id', description: 'disposition id' })
  @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async delete(@CallerContext() ctx: RequestContext, @Param('id', DISPOSITION_ID) id: string): Promise<void> {
    await this.contacts.request(ContactsSubjects.dispositionsDelete, ctx, { id });
  }
}
