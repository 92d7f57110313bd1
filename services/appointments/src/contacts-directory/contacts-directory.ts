import {
  type ContactsSubject,
  ContactsSubjects,
  type ContactView,
  type RequestContext,
  type TeamMemberView,
} from '@conversations/contracts';
import { type NamespacedNatsClient, RpcClient } from '@conversations/service-kit';

/**
 * What this service needs to know about contacts and team members, asked of the contacts service over
 * NATS (a service never reads another service's database). The caller's context travels along, so the
 * contacts service answers within the same tenant: another tenant's contact is simply not found.
 */
export class ContactsDirectory {
  private readonly contacts: RpcClient<ContactsSubject>;

  constructor(client: NamespacedNatsClient, timeoutMs: number) {
    this.contacts = new RpcClient('contacts', client, timeoutMs);
  }

  connect(): Promise<unknown> {
    return this.contacts.connect();
  }

  close(): Promise<void> {
    return this.contacts.close();
  }

  /** The contact, or CONTACT_NOT_FOUND (also for a malformed id or another tenant's contact). */
  requireContact(ctx: RequestContext, contactId: string): Promise<ContactView> {
    return this.contacts.request(ContactsSubjects.get, ctx, { id: contactId });
  }

  teamMembers(ctx: RequestContext): Promise<TeamMemberView[]> {
    return this.contacts.request(ContactsSubjects.teamMembersList, ctx, {});
  }
}
