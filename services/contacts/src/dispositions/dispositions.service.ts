import { ContactEventTypes, DispositionView, ErrorCodes, RequestContext } from '@conversations/contracts';
import { OutboxRelay } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Catalogue, CatalogueItemDocument } from '../catalogue/catalogue';
import { CONTACT_MODEL, ContactDocument } from '../contacts/contact.schema';

export const DISPOSITION_MODEL = 'Disposition';

@Injectable()
export class DispositionsService extends Catalogue<DispositionView> {
  constructor(
    @InjectModel(DISPOSITION_MODEL) model: Model<CatalogueItemDocument>,
    @InjectModel(CONTACT_MODEL) private readonly contacts: Model<ContactDocument>,
    outbox: OutboxRelay,
  ) {
    super(model, outbox, {
      label: 'Disposition',
      eventType: ContactEventTypes.dispositionCatalogueChanged,
      notFound: ErrorCodes.DISPOSITION_NOT_FOUND,
      nameExists: ErrorCodes.DISPOSITION_NAME_EXISTS,
      toView: (item) => ({ id: String(item._id), name: item.name }),
    });
  }

  async viewById(tenantId: string, id: Types.ObjectId): Promise<DispositionView | null> {
    return (await this.viewsByIds(tenantId, [id]))[0] ?? null;
  }

  /** Deleting a disposition clears it from the contacts that had it. */
  override async delete(ctx: RequestContext, id: string): Promise<void> {
    await super.delete(ctx, id);
    await this.contacts.updateMany({ tenantId: ctx.tenantId, dispositionId: id }, { $set: { dispositionId: null }, $inc: { version: 1 } });
  }
}
