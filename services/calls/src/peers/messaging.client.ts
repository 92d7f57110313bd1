import { MessagingSubjects, NumberOwnerView, RequestContext, SenderNumberView } from '@conversations/contracts';
import { Injectable } from '@nestjs/common';
import { PeerClient } from './peer-client';

/** The messaging service owns the tenants' phone numbers (and their voice capability). */
@Injectable()
export class MessagingClient {
  constructor(private readonly peers: PeerClient) {}

  numbers(ctx: RequestContext): Promise<SenderNumberView[]> {
    return this.peers.request('messaging', MessagingSubjects.numbersList, ctx, {});
  }

  /** Tenant-free: which tenant owns `number` (SENDER_NUMBER_NOT_FOUND when none). */
  ownerOf(ctx: RequestContext, number: string): Promise<NumberOwnerView> {
    return this.peers.request('messaging', MessagingSubjects.numbersResolve, ctx, { number });
  }
}
