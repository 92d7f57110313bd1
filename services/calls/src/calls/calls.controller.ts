import { CallsPageQueryDto, CallsSubjects, ListCallsQueryDto, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { CallsService } from './calls.service';

/** Reading calls, always within the caller's tenant: another tenant's call is CALL_NOT_FOUND. */
@Controller()
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @RpcHandler(CallsSubjects.list)
  list({ ctx, data }: RpcRequestOf<typeof CallsSubjects.list>) {
    return this.calls.list(ctx, validateDto(ListCallsQueryDto, data));
  }

  @RpcHandler(CallsSubjects.listForContact)
  listForContact({ ctx, data }: RpcRequestOf<typeof CallsSubjects.listForContact>) {
    const { contactId, ...page } = data;
    return this.calls.listForContact(ctx, contactId, validateDto(CallsPageQueryDto, page));
  }

  @RpcHandler(CallsSubjects.get)
  get({ ctx, data }: RpcRequestOf<typeof CallsSubjects.get>) {
    return this.calls.get(ctx, data.callId);
  }

  @RpcHandler(CallsSubjects.recordingSource)
  recordingSource({ ctx, data }: RpcRequestOf<typeof CallsSubjects.recordingSource>) {
    return this.calls.recordingSource(ctx, data.callId);
  }
}
