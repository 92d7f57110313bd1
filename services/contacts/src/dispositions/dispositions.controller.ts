import { ContactsSubjects, CreateDispositionDto, RpcRequest, UpdateDispositionDto } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DispositionsService } from './dispositions.service';

@Controller()
export class DispositionsController {
  constructor(private readonly dispositions: DispositionsService) {}

  @MessagePattern(ContactsSubjects.dispositionsList)
  list(@Payload() { ctx }: RpcRequest) {
    return this.dispositions.list(ctx.tenantId);
  }

  @MessagePattern(ContactsSubjects.dispositionsCreate)
  create(@Payload() { ctx, data }: RpcRequest<CreateDispositionDto>) {
    return this.dispositions.create(ctx, validateDto(CreateDispositionDto, data));
  }

  @MessagePattern(ContactsSubjects.dispositionsUpdate)
  update(@Payload() { ctx, data }: RpcRequest<{ id: string; changes: UpdateDispositionDto }>) {
    return this.dispositions.update(ctx, String(data.id), validateDto(UpdateDispositionDto, data.changes));
  }

  @MessagePattern(ContactsSubjects.dispositionsDelete)
  async delete(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    await this.dispositions.delete(ctx, String(data.id));
    return { deleted: true };
  }
}
