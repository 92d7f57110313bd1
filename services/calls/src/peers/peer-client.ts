import {
  type ContactsSubject,
  type MessagingSubject,
  RequestContext,
  type RpcRequestData,
  type RpcResponse,
} from '@conversations/contracts';
import { NamespacedNatsClient, RpcClient } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CALLS_CONFIG, CallsConfig } from '../config';

/** The services calls asks, and the subjects each answers. */
interface PeerSubjects {
  contacts: ContactsSubject;
  messaging: MessagingSubject;
}

/**
 * Request/reply to the services whose data calls needs (contacts: the contact, DND, team members;
 * messaging: the tenant's numbers). Their ErrorBody comes back as the same DomainError; an unreachable
 * service is SERVICE_UNAVAILABLE and one that does not answer in time SERVICE_TIMEOUT, naming it.
 */
@Injectable()
export class PeerClient implements OnApplicationShutdown {
  private readonly client: NamespacedNatsClient;
  private readonly peers: { [Service in keyof PeerSubjects]: RpcClient<PeerSubjects[Service]> };

  constructor(@Inject(CALLS_CONFIG) config: CallsConfig) {
    this.client = new NamespacedNatsClient({
      servers: config.NATS_URL.split(','),
      namespace: config.NATS_NAMESPACE,
      name: 'calls',
      maxReconnectAttempts: -1,
    });
    this.peers = {
      contacts: new RpcClient('contacts', this.client, config.PEER_TIMEOUT_MS),
      messaging: new RpcClient('messaging', this.client, config.PEER_TIMEOUT_MS),
    };
  }

  request<K extends PeerSubjects[Service], Service extends keyof PeerSubjects>(
    service: Service,
    subject: K,
    ctx: RequestContext,
    data: RpcRequestData<K>,
  ): Promise<RpcResponse<K>> {
    return (this.peers[service] as RpcClient<K>).request(subject, ctx, data);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
