import {
  type ContactsSubject,
  ContactsSubjects,
  ContactView,
  FindOrCreateResult,
  RequestContext,
  UpdateDndDto,
} from '@conversations/contracts';
import { NamespacedNatsClient, RpcClient } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';

const CONTACTS_TIMEOUT_MS = 5_000;

/**
 * The contacts service over NATS request/reply: the only way messaging learns about a contact (name,
 * phone, DND) or changes one (opt-out keywords). Its ErrorBody comes back as a DomainError.
 */
@Injectable()
export class ContactsClient implements OnApplicationShutdown {
  private readonly contacts: RpcClient<ContactsSubject>;

  constructor(@Inject(MESSAGING_CONFIG) config: MessagingConfig) {
    const client = new NamespacedNatsClient({
      servers: config.NATS_URL.split(','),
      namespace: config.NATS_NAMESPACE,
      name: 'messaging',
      maxReconnectAttempts: -1,
    });
    this.contacts = new RpcClient('contacts', client, CONTACTS_TIMEOUT_MS);
  }

  get(ctx: RequestContext, id: string): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.get, ctx, { id });
  }

  findOrCreateByPhone(ctx: RequestContext, phone: string): Promise<FindOrCreateResult> {
    return this.contacts.request(ContactsSubjects.findOrCreateByPhone, ctx, { phone, source: 'inbound SMS' });
  }

  /** F25: consent changed by an inbound keyword, recorded as such in the contact's DND history. */
  updateDndByKeyword(ctx: RequestContext, id: string, changes: UpdateDndDto, keyword: string): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.updateDnd, ctx, { id, changes, source: 'inbound-keyword', keyword });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.contacts.close();
  }
}
