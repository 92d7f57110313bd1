import { ContactsSubjects, ContactView, FindOrCreateResult, RequestContext, TeamMemberView } from '@conversations/contracts';
import { Injectable } from '@nestjs/common';
import { PeerClient } from './peer-client';

/** The contacts service: the only way calls learns about a contact (name, phone, DND, assignment) or a team member. */
@Injectable()
export class ContactsClient {
  constructor(private readonly peers: PeerClient) {}

  get(ctx: RequestContext, id: string): Promise<ContactView> {
    return this.peers.request('contacts', ContactsSubjects.get, ctx, { id });
  }

  findOrCreateByPhone(ctx: RequestContext, phone: string): Promise<FindOrCreateResult> {
    return this.peers.request('contacts', ContactsSubjects.findOrCreateByPhone, ctx, { phone, source: 'inbound call' });
  }

  teamMember(ctx: RequestContext, id: string): Promise<TeamMemberView> {
    return this.peers.request('contacts', ContactsSubjects.teamMembersGet, ctx, { id });
  }
}
