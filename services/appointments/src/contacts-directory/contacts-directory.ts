import {
  type ContactsSubject,
  ContactsSubjects,
  type ContactView,
  ErrorCodes,
  type RequestContext,
  type RpcRequest,
  type RpcRequestData,
  type RpcResponse,
  type TeamMemberView,
} from '@conversations/contracts';
import { DomainError, isErrorBody, type NamespacedNatsClient } from '@conversations/service-kit';
import { firstValueFrom, timeout } from 'rxjs';

/**
 * What this service needs to know about contacts and team members, asked of the contacts service over
 * NATS (a service never reads another service's database). The caller's context travels along, so the
 * contacts service answers within the same tenant: another tenant's contact is simply not found.
 */
export class ContactsDirectory {
  constructor(
    private readonly client: NamespacedNatsClient,
    private readonly timeoutMs: number,
  ) {}

  connect(): Promise<unknown> {
    return this.client.connect();
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** The contact, or CONTACT_NOT_FOUND (also for a malformed id or another tenant's contact). */
  requireContact(ctx: RequestContext, contactId: string): Promise<ContactView> {
    return this.request(ContactsSubjects.get, ctx, { id: contactId });
  }

  teamMembers(ctx: RequestContext): Promise<TeamMemberView[]> {
    return this.request(ContactsSubjects.teamMembersList, ctx, {});
  }

  private async request<K extends ContactsSubject>(subject: K, ctx: RequestContext, data: RpcRequestData<K>): Promise<RpcResponse<K>> {
    try {
      const request: RpcRequest<RpcRequestData<K>> = { ctx, data };
      return await firstValueFrom(this.client.send<RpcResponse<K>>(subject, request).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      if (isErrorBody(error) && error.code !== ErrorCodes.INTERNAL) {
        throw new DomainError(error.code, error.message, {
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.details ? { details: error.details } : {}),
        });
      }
      throw new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The contacts service cannot be reached; please try again shortly', {
        details: { service: 'contacts' },
      });
    }
  }
}
