import { MessagingSubjects, NumberOwnerView, RpcRequestOf } from '@conversations/contracts';
import { DomainError, RpcHandler } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { NumbersService, senderNumberViewOf } from './numbers.service';

@Controller()
export class NumbersController {
  constructor(private readonly numbers: NumbersService) {}

  /** F31: the From dropdown offers the SMS-capable ones. */
  @RpcHandler(MessagingSubjects.numbersList)
  list({ ctx }: RpcRequestOf<typeof MessagingSubjects.numbersList>) {
    return this.numbers.list(ctx.tenantId);
  }

  /**
   * Tenant-free on purpose: a carrier webhook (an inbound call) names only our number, and the number
   * decides the tenant. It answers nothing a caller could not learn by dialling the number.
   */
  @RpcHandler(MessagingSubjects.numbersResolve)
  async resolve({ data }: RpcRequestOf<typeof MessagingSubjects.numbersResolve>): Promise<NumberOwnerView> {
    // Plivo writes numbers without the leading +.
    const digits = typeof data.number === 'string' ? data.number.trim().replace(/^\+/, '') : '';
    if (!/^[1-9][0-9]{6,14}$/.test(digits)) {
      throw DomainError.validation({ number: ['number must be a phone number in E.164 form, e.g. +14155550100'] });
    }
    const owner = await this.numbers.ownerOf(`+${digits}`);
    return { tenantId: owner.tenantId, number: senderNumberViewOf(owner) };
  }
}
