import { CallsPageQueryDto, CallsSubjects, ListCallsQueryDto, RpcRequest } from '@conversations/contracts';
import { validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallsService } from './calls.service';

/** Reading calls, always within the caller's tenant: another tenant's call is CALL_NOT_FOUND. */
@Controller()
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @MessagePattern(CallsSubjects.list)
  list(@Payload() { ctx, data }: RpcRequest<ListCallsQueryDto>) {
    return this.calls.list(ctx, validateDto(ListCallsQueryDto, data ?? {}));
  }

  @MessagePattern(CallsSubjects.listForContact)
  listForContact(@Payload() { ctx, data }: RpcRequest<{ contactId: string } & CallsPageQueryDto>) {
    const { contactId, ...page } = data ?? { contactId: '' };
    return this.calls.listForContact(ctx, String(contactId ?? ''), validateDto(CallsPageQueryDto, page));
  }

  @MessagePattern(CallsSubjects.get)
  get(@Payload() { ctx, data }: RpcRequest<{ callId: string }>) {
    return this.calls.get(ctx, String(data?.callId ?? ''));
  }

  @MessagePattern(CallsSubjects.recordingSource)
  recordingSource(@Payload() { ctx, data }: RpcRequest<{ callId: string }>) {
    return this.calls.recordingSource(ctx, String(data?.callId ?? ''));
  }
}
