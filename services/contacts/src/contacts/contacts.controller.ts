import {
  ContactEventTypes,
  ContactsSubjects,
  CreateContactDto,
  FindOrCreateByPhoneDto,
  ListContactsQueryDto,
  RpcRequestOf,
  SetContactTagsDto,
  SetDispositionDto,
  UpdateContactDto,
} from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { Types } from 'mongoose';
import { DispositionsService } from '../dispositions/dispositions.service';
import { TagsService } from '../tags/tags.service';
import { ContactsService } from './contacts.service';

@Controller()
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly tags: TagsService,
    private readonly dispositions: DispositionsService,
  ) {}

  @RpcHandler(ContactsSubjects.list)
  list({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.list>) {
    return this.contacts.list(ctx, validateDto(ListContactsQueryDto, data));
  }

  @RpcHandler(ContactsSubjects.get)
  get({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.get>) {
    return this.contacts.get(ctx, data.id);
  }

  @RpcHandler(ContactsSubjects.create)
  create({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.create>) {
    return this.contacts.create(ctx, validateDto(CreateContactDto, data));
  }

  @RpcHandler(ContactsSubjects.update)
  update({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.update>) {
    return this.contacts.update(ctx, data.id, validateDto(UpdateContactDto, data.changes));
  }

  @RpcHandler(ContactsSubjects.delete)
  async delete({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.delete>) {
    await this.contacts.delete(ctx, data.id);
    return { deleted: true };
  }

  @RpcHandler(ContactsSubjects.findOrCreateByPhone)
  findOrCreateByPhone({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.findOrCreateByPhone>) {
    const input = validateDto(FindOrCreateByPhoneDto, data);
    return this.contacts.findOrCreateByPhone(ctx, input.phone, input.source);
  }

  /** F28: a contact's whole tag set in one call. */
  @RpcHandler(ContactsSubjects.setTags)
  async setTags({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.setTags>) {
    const { id, ...body } = data;
    const { tagIds } = validateDto(SetContactTagsDto, body);
    await this.contacts.requireExists(ctx, id);
    const ids = await this.tags.requireIds(ctx.tenantId, tagIds, 'tagIds');
    return this.contacts.applyChange(ctx, id, (current) =>
      sameIds(current.tagIds, ids) ? null : { set: { tagIds: ids }, eventType: ContactEventTypes.tagsChanged, viewFields: ['tags'] },
    );
  }

  /** F27: saves at once; the event is what workflows act on. */
  @RpcHandler(ContactsSubjects.setDisposition)
  async setDisposition({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.setDisposition>) {
    const { id, ...body } = data;
    const { dispositionId } = validateDto(SetDispositionDto, body);
    await this.contacts.requireExists(ctx, id);
    const next = dispositionId ? (await this.dispositions.requireIds(ctx.tenantId, [dispositionId], 'dispositionId'))[0] : null;
    return this.contacts.applyChange(ctx, id, (current) =>
      String(current.dispositionId ?? '') === String(next ?? '')
        ? null
        : { set: { dispositionId: next }, eventType: ContactEventTypes.dispositionChanged, viewFields: ['disposition'] },
    );
  }
}

function sameIds(a: Types.ObjectId[], b: Types.ObjectId[]): boolean {
  return a.length === b.length && a.every((id, index) => String(id) === String(b[index]));
}
