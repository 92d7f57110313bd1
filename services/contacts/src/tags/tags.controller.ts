import { ContactsSubjects, CreateTagDto, RpcRequest, UpdateTagDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TagsService } from './tags.service';

@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @MessagePattern(ContactsSubjects.tagsList)
  list(@Payload() { ctx }: RpcRequest) {
    return this.tags.list(ctx.tenantId);
  }

  @MessagePattern(ContactsSubjects.tagsCreate)
  create(@Payload() { ctx, data }: RpcRequest<CreateTagDto>) {
    return this.tags.create(ctx, validateDto(CreateTagDto, data));
  }

  @MessagePattern(ContactsSubjects.tagsUpdate)
  update(@Payload() { ctx, data }: RpcRequest<{ id: string; changes: UpdateTagDto }>) {
    return this.tags.update(ctx, String(data.id), validateDto(UpdateTagDto, data.changes));
  }

  @MessagePattern(ContactsSubjects.tagsDelete)
  async delete(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    await this.tags.delete(ctx, String(data.id));
    return { deleted: true };
  }
}
