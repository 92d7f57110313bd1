import { ContactEventTypes, ErrorCodes, RequestContext, TagView } from '@conversations/contracts';
import { OutboxRelay } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Catalogue, CatalogueItemDocument } from '../catalogue/catalogue';
import { CONTACT_MODEL, ContactDocument } from '../contacts/contact.schema';

export const TAG_MODEL = 'Tag';

@Injectable()
export class TagsService extends Catalogue<TagView> {
  constructor(
    @InjectModel(TAG_MODEL) model: Model<CatalogueItemDocument>,
    @InjectModel(CONTACT_MODEL) private readonly contacts: Model<ContactDocument>,
    outbox: OutboxRelay,
  ) {
    super(model, outbox, {
      label: 'Tag',
      eventType: ContactEventTypes.tagCatalogueChanged,
      notFound: ErrorCodes.TAG_NOT_FOUND,
      nameExists: ErrorCodes.TAG_NAME_EXISTS,
      toView: (tag) => ({ id: String(tag._id), name: tag.name, color: tag.color ?? null }),
    });
  }

  /** Deleting a tag takes it off every contact of the tenant. */
  override async delete(ctx: RequestContext, id: string): Promise<void> {
    await super.delete(ctx, id);
    await this.contacts.updateMany({ tenantId: ctx.tenantId, tagIds: id }, { $pull: { tagIds: id }, $inc: { version: 1 } });
  }
}
