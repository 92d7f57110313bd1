import { CatalogueSubjects, type CatalogueKind, type RpcRequestData, type RpcRequestOf, type RpcResponse } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller, Inject, type Type } from '@nestjs/common';
import type { Catalogue } from './catalogue';

type Subjects<Kind extends CatalogueKind> = (typeof CatalogueSubjects)[Kind];
type ListSubject<Kind extends CatalogueKind> = Subjects<Kind>['list'];
type CreateSubject<Kind extends CatalogueKind> = Subjects<Kind>['create'];
type UpdateSubject<Kind extends CatalogueKind> = Subjects<Kind>['update'];
type DeleteSubject<Kind extends CatalogueKind> = Subjects<Kind>['delete'];
type ViewOf<Kind extends CatalogueKind> = RpcResponse<CreateSubject<Kind>>;

export interface CatalogueControllerOptions<Kind extends CatalogueKind> {
  kind: Kind;
  /** The Nest provider holding the catalogue (TagsService, DispositionsService). */
  service: Type<Catalogue<ViewOf<Kind>>>;
  createDto: Type<RpcRequestData<CreateSubject<Kind>>>;
  updateDto: Type<RpcRequestData<UpdateSubject<Kind>>['changes']>;
}

/** The NATS handlers of one catalogue (tags F28, dispositions F27): list, create, rename, delete. */
export function catalogueController<Kind extends CatalogueKind>({ kind, service, createDto, updateDto }: CatalogueControllerOptions<Kind>) {
  const subjects: Subjects<Kind> = CatalogueSubjects[kind];

  @Controller()
  class CatalogueController {
    constructor(@Inject(service) readonly catalogue: Catalogue<ViewOf<Kind>>) {}

    @RpcHandler(subjects.list)
    list({ ctx }: RpcRequestOf<ListSubject<Kind>>): Promise<RpcResponse<ListSubject<Kind>>> {
      return this.catalogue.list(ctx.tenantId);
    }

    @RpcHandler(subjects.create)
    create({ ctx, data }: RpcRequestOf<CreateSubject<Kind>>): Promise<RpcResponse<CreateSubject<Kind>>> {
      return this.catalogue.create(ctx, validateDto(createDto, data));
    }

    @RpcHandler(subjects.update)
    update({ ctx, data }: RpcRequestOf<UpdateSubject<Kind>>): Promise<RpcResponse<UpdateSubject<Kind>>> {
      return this.catalogue.update(ctx, data.id, validateDto(updateDto, data.changes));
    }

    @RpcHandler(subjects.delete)
    async delete({ ctx, data }: RpcRequestOf<DeleteSubject<Kind>>): Promise<RpcResponse<DeleteSubject<Kind>>> {
      await this.catalogue.delete(ctx, data.id);
      return { deleted: true };
    }
  }
  return CatalogueController;
}
