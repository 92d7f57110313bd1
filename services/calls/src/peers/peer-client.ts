import {
  type ContactsSubject,
  ErrorCodes,
  type MessagingSubject,
  RequestContext,
  RpcRequest,
  type RpcRequestData,
  type RpcResponse,
} from '@conversations/contracts';
import { DomainError, isErrorBody, NamespacedNatsClient } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import { CALLS_CONFIG, CallsConfig } from '../config';

/** The services calls asks, and the subjects each answers. */
interface PeerSubjects {
  contacts: ContactsSubject;
  messaging: MessagingSubject;
}

/**
 * Request/reply to the services whose data calls needs (contacts: the contact, DND, team members;
 * messaging: the tenant's numbers). Their ErrorBody comes back as the same DomainError; no answer is
 * SERVICE_UNAVAILABLE naming the service.
 */
@Injectable()
export class PeerClient implements OnApplicationShutdown {
  private readonly client: NamespacedNatsClient;
  private readonly timeoutMs: number;

  constructor(@Inject(CALLS_CONFIG) config: CallsConfig) {
    this.client = new NamespacedNatsClient({
      servers: config.NATS_URL.split(','),
      namespace: config.NATS_NAMESPACE,
      name: 'calls',
      maxReconnectAttempts: -1,
    });
    this.timeoutMs = config.PEER_TIMEOUT_MS;
  }

  async request<K extends PeerSubjects[Service], Service extends keyof PeerSubjects>(
    service: Service,
    subject: K,
    ctx: RequestContext,
    data: RpcRequestData<K>,
  ): Promise<RpcResponse<K>> {
    try {
      const request: RpcRequest<RpcRequestData<K>> = { ctx, data };
      return await firstValueFrom(this.client.send<RpcResponse<K>>(subject, request).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      if (isErrorBody(error))
        throw new DomainError(error.code, error.message, {
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.details ? { details: error.details } : {}),
        });
      throw new DomainError(
        ErrorCodes.SERVICE_UNAVAILABLE,
        `The ${service} service cannot be reached right now; please try again shortly`,
        { details: { service } },
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
