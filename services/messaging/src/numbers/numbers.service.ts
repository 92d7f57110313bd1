import { ErrorCodes, MessageChannel, SenderNumberView } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SENDER_NUMBER_MODEL, SenderNumberDocument } from './sender-number.schema';

export function senderNumberViewOf(number: SenderNumberDocument): SenderNumberView {
  return { id: String(number._id), number: number.number, label: number.label, capabilities: { ...number.capabilities } };
}

@Injectable()
export class NumbersService {
  constructor(@InjectModel(SENDER_NUMBER_MODEL) private readonly numbers: Model<SenderNumberDocument>) {}

  async list(tenantId: string): Promise<SenderNumberView[]> {
    const rows = await this.numbers.find({ tenantId }).sort({ number: 1 }).limit(500).lean<SenderNumberDocument[]>();
    return rows.map(senderNumberViewOf);
  }

  /** The tenant's number `number`, able to send on `channel`, or a 422 naming the field. */
  async requireSender(
    tenantId: string,
    number: string,
    channel: Exclude<MessageChannel, 'imessage'>,
    field = 'from',
  ): Promise<SenderNumberDocument> {
    const found = await this.numbers.findOne({ tenantId, number }).lean<SenderNumberDocument>();
    if (!found || !found.capabilities[channel]) {
      const what = channel === 'sms' ? 'send SMS' : 'send WhatsApp messages';
      throw new DomainError(ErrorCodes.FROM_NUMBER_NOT_ALLOWED, `${number} is not one of this account’s numbers that can ${what}`, {
        fields: { [field]: [`${field} must be one of the account’s numbers that can ${what} (see GET /api/v1/numbers)`] },
      });
    }
    return found;
  }

  async firstSender(tenantId: string, channel: 'sms' | 'whatsapp'): Promise<SenderNumberDocument | null> {
    return this.numbers
      .findOne({ tenantId, [`capabilities.${channel}`]: true })
      .sort({ number: 1 })
      .lean<SenderNumberDocument>();
  }

  /** Carrier webhooks name only our number: it decides the tenant (a system lookup across tenants). */
  async ownerOf(number: string): Promise<SenderNumberDocument> {
    const found = await this.numbers.findOne({ number }).setOptions({ crossTenant: true }).lean<SenderNumberDocument>();
    if (!found) throw new DomainError(ErrorCodes.SENDER_NUMBER_NOT_FOUND, `No account uses the number ${number}`);
    return found;
  }

  /** Seeding and provisioning: adds the number to the tenant once; a number owned by another tenant is refused. */
  async ensure(
    tenantId: string,
    number: string,
    label: string,
    capabilities: SenderNumberDocument['capabilities'],
  ): Promise<SenderNumberView> {
    const existing = await this.numbers.findOne({ number }).setOptions({ crossTenant: true }).lean<SenderNumberDocument>();
    if (existing) {
      if (existing.tenantId !== tenantId)
        throw new DomainError(ErrorCodes.VALIDATION_FAILED, `${number} belongs to another account`, {
          fields: { number: ['number is already in use'] },
        });
      return senderNumberViewOf(existing);
    }
    const created = await this.numbers.create({ tenantId, number, label, capabilities, createdAt: new Date() });
    return senderNumberViewOf(created.toObject());
  }
}
