import {
  CatalogueSubjects,
  type CatalogueKind,
  type ErrorCode,
  type RequestContext,
  type RpcRequestData,
  type RpcResponse,
} from '@conversations/contracts';
import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, type Type } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiView, ApiViewList } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { ContactsClient } from '../nats/service-client';

type Subjects<Kind extends CatalogueKind> = (typeof CatalogueSubjects)[Kind];
type CreateDto<Kind extends CatalogueKind> = RpcRequestData<Subjects<Kind>['create']>;
type UpdateDto<Kind extends CatalogueKind> = RpcRequestData<Subjects<Kind>['update']>['changes'];
type View<Kind extends CatalogueKind> = RpcResponse<Subjects<Kind>['create']>;

export interface CatalogueRoutes<Kind extends CatalogueKind> {
  kind: Kind;
  /** The item's name in summaries, e.g. `tag`. */
  noun: string;
  notFound: ErrorCode;
  /** The view schema of one item (view-schemas.ts). */
  view: string;
  createDto: Type<CreateDto<Kind>>;
  updateDto: Type<UpdateDto<Kind>>;
  updateSummary: string;
  /** Any member may add an item (F28: a new tag from the tags multi-select); renaming and deleting stay admin's. */
  anyMemberCreates?: boolean;
}

/**
 * The type the global validation pipe checks each parameter against (Nest reads it from the emitted
 * `design:paramtypes`): a generic parameter type emits none, so the factory names the DTO classes.
 */
const validatedAs = (...types: unknown[]) => Reflect.metadata('design:paramtypes', types);

/**
 * The HTTP routes of one tenant-wide catalogue (tags F28, dispositions F27) under `/<kind>`: list,
 * create, rename, delete — each forwarded to the contacts service.
 */
export function catalogueController<Kind extends CatalogueKind>(routes: CatalogueRoutes<Kind>) {
  const { kind, noun, view, createDto, updateDto } = routes;
  const subjects: Subjects<Kind> = CatalogueSubjects[kind];
  const itemId = new ObjectIdPipe(routes.notFound, noun.charAt(0).toUpperCase() + noun.slice(1));

  @ApiTags(kind)
  @ApiAuthenticated()
  @Controller(kind)
  class CatalogueController {
    constructor(readonly contacts: ContactsClient) {}

    @Get()
    @ApiOperation({ summary: `Every ${noun} of the account, by name` })
    @ApiViewList(view)
    @ApiErrors()
    list(@CallerContext() ctx: RequestContext): Promise<View<Kind>[]> {
      return this.contacts.request(subjects.list, ctx, {});
    }

    @Post()
    @(routes.anyMemberCreates ? applyDecorators() : AdminOnly())
    @ApiOperation({ summary: `Create a ${noun} (names are unique per account, ignoring case and accents)` })
    @ApiJsonBody(createDto)
    @ApiView(HttpStatus.CREATED, view)
    @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
    @validatedAs(Object, createDto)
    create(@CallerContext() ctx: RequestContext, @Body() body: CreateDto<Kind>): Promise<View<Kind>> {
      return this.contacts.request(subjects.create, ctx, body);
    }

    @Patch(':id')
    @AdminOnly()
    @ApiOperation({ summary: routes.updateSummary })
    @ApiParam({ name: 'id', description: `${noun} id` })
    @ApiJsonBody(updateDto)
    @ApiView(HttpStatus.OK, view)
    @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
    @validatedAs(Object, String, updateDto)
    update(@CallerContext() ctx: RequestContext, @Param('id', itemId) id: string, @Body() changes: UpdateDto<Kind>): Promise<View<Kind>> {
      return this.contacts.request(subjects.update, ctx, { id, changes });
    }

    @Delete(':id')
    @AdminOnly()
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({ summary: `Delete a ${noun}` })
    @ApiParam({ name: 'id', description: `${noun} id` })
    @ApiResponse({ status: HttpStatus.NO_CONTENT, description: 'deleted' })
    @ApiErrors(HttpStatus.NOT_FOUND)
    async delete(@CallerContext() ctx: RequestContext, @Param('id', itemId) id: string): Promise<void> {
      await this.contacts.request(subjects.delete, ctx, { id });
    }
  }
  return CatalogueController;
}
