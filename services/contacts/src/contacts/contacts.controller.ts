import {
  ContactEventTypes,
  ContactsSubjects,
  CreateContactDto,
  FindOrCreateByPhoneDto,
  ListContactsQueryDto,
  RpcRequest,
  SetContactTagsDto,
  SetDispositionDto,
  UpdateContactDto,
} from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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

  @MessagePattern(ContactsSubjects.list)
  list(@Payload() { ctx, data }: RpcRequest<ListContactsQueryDto>) {
    return this.contacts.list(ctx, validateDto(ListContactsQueryDto, data ?? {}));
  }

  @MessagePattern(ContactsSubjects.get)
  get(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    return this.contacts.get(ctx, String(data?.id));
  }

  @MessagePattern(ContactsSubjects.create)
  create(@Payload() { ctx, data }: RpcRequest<CreateContactDto>) {
    return this.contacts.create(ctx, validateDto(CreateContactDto, data));
  }

  @MessagePattern(ContactsSubjects.update)
  update(@Payload() { ctx, data }: RpcRequest<{ id: string; changes: UpdateContactDto }>) {
    return this.contacts.update(ctx, String(data?.id), validateDto(UpdateContactDto, data?.changes));
  }

  @MessagePattern(ContactsSubjects.delete)
  async delete(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    await this.contacts.delete(ctx, String(data?.id));
    return { deleted: true };
  }

  @MessagePattern(ContactsSubjects.findOrCreateByPhone)
  findOrCreateByPhone(@Payload() { ctx, data }: RpcRequest<FindOrCreateByPhoneDto>) {
    const input = validateDto(FindOrCreateByPhoneDto, data);
    return this.contacts.findOrCreateByPhone(ctx, input.phone, input.source);
  }

  /** F28: a contact's whole tag set in one call. */
  @MessagePattern(ContactsSubjects.setTags)
  async setTags(@Payload() { ctx, data }: RpcRequest<{ id: string } & SetContactTagsDto>) {
    const { id, ...body } = data ?? {};
    const { tagIds } = validateDto(SetContactTagsDto, body);
    await this.contacts.requireExists(ctx, String(id));
    const ids = await this.tags.requireIds(ctx.tenantId, tagIds, 'tagIds');
    return this.contacts.applyChange(ctx, String(id), (current) =>
      sameIds(current.tagIds, ids) ? null : { set: { tagIds: ids }, eventType: ContactEventTypes.tagsChanged, viewFields: ['tags'] },
    );
  }

  /** F27: saves at once; the event is what workflows act on. */
  @MessagePattern(ContactsSubjects.setDisposition)
  async setDisposition(@Payload() { ctx, data }: RpcRequest<{ id: string } & SetDispositionDto>) {
    const { id, ...body } = data ?? {};
    const { dispositionId } = validateDto(SetDispositionDto, body);
    await this.contacts.requireExists(ctx, String(id));
    const next = dispositionId ? (await this.dispositions.requireIds(ctx.tenantId, [dispositionId], 'dispositionId'))[0] : null;
    return this.contacts.applyChange(ctx, String(id), (current) =>
      String(current.dispositionId ?? '') === String(next ?? '')
        ? null
        : { set: { dispositionId: next }, eventType: ContactEventTypes.dispositionChanged, viewFields: ['disposition'] },
    );
  }
}

function sameIds(a: Types.ObjectId[], b: Types.ObjectId[]): boolean {
  return a.length === b.length && a.every((id, index) => String(id) === String(b[index]));
}
