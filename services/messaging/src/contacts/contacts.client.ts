import {
  type ContactsSubject,
  ContactsSubjects,
  ContactView,
  ErrorCodes,
  FindOrCreateResult,
  RequestContext,
  RpcRequest,
  type RpcRequestData,
  type RpcResponse,
  UpdateDndDto,
} from '@conversations/contracts';
import { DomainError, isErrorBody, NamespacedNatsClient } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';

const CONTACTS_TIMEOUT_MS = 5_000;

/**
 * The contacts service over NATS request/reply: the only way messaging learns about a contact (name,
 * phone, DND) or changes one (opt-out keywords). Its ErrorBody comes back as a DomainError.
 */
@Injectable()
export class ContactsClient implements OnApplicationShutdown {
  private readonly client: NamespacedNatsClient;

  constructor(@Inject(MESSAGING_CONFIG) config: MessagingConfig) {
    this.client = new NamespacedNatsClient({
      servers: config.NATS_URL.split(','),
      namespace: config.NATS_NAMESPACE,
      name: 'messaging',
      maxReconnectAttempts: -1,
    });
  }

  get(ctx: RequestContext, id: string): Promise<ContactView> {
    return this.request(ContactsSubjects.get, ctx, { id });
  }

  findOrCreateByPhone(ctx: RequestContext, phone: string): Promise<FindOrCreateResult> {
    return this.request(ContactsSubjects.findOrCreateByPhone, ctx, { phone, source: 'inbound SMS' });
  }

  /** F25: consent changed by an inbound keyword, recorded as such in the contact's DND history. */
  updateDndByKeyword(ctx: RequestContext, id: string, changes: UpdateDndDto, keyword: string): Promise<ContactView> {
    return this.request(ContactsSubjects.updateDnd, ctx, { id, changes, source: 'inbound-keyword', keyword });
  }

  private async request<K extends ContactsSubject>(subject: K, ctx: RequestContext, data: RpcRequestData<K>): Promise<RpcResponse<K>> {
    try {
      const request: RpcRequest<RpcRequestData<K>> = { ctx, data };
      return await firstValueFrom(this.client.send<RpcResponse<K>>(subject, request).pipe(timeout(CONTACTS_TIMEOUT_MS)));
    } catch (error) {
      if (isErrorBody(error))
        throw new DomainError(error.code, error.message, {
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.details ? { details: error.details } : {}),
        });
      throw new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The contacts service cannot be reached right now; please try again shortly', {
        details: { service: 'contacts' },
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
