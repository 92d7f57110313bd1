import { type CatalogueEventData, type DomainEvent, type ErrorCode, ErrorCodes, type RequestContext } from '@conversations/contracts';
import { searchableText } from '@conversations/person-search';
import {
  DomainError,
  isDuplicateKey,
  newEvent,
  OUTBOX_FIELD,
  type OutboxRelay,
  tenantScopedPlugin,
  VersionedStore,
} from '@conversations/service-kit';
import { type Model, Schema, Types } from 'mongoose';

/** A tenant-configurable list of named items: the tag catalogue (F28) and the dispositions (F27). */
export interface CatalogueItemDocument {
  _id: Types.ObjectId;
  tenantId: string;
  name: string;
  /** Unique per tenant; freed on delete (FerretDB has no partial indexes). */
  nameKey: string;
  color: string | null;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  version?: number;
  outbox: unknown[];
}

export function catalogueSchema(collection: string) {
  const schema = new Schema<CatalogueItemDocument>(
    {
      tenantId: { type: String, required: true, immutable: true },
      name: { type: String, required: true },
      nameKey: { type: String, required: true },
      color: { type: String, default: null },
      deleted: { type: Boolean, default: false },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, default: 0 },
      ...OUTBOX_FIELD,
    },
    { collection, versionKey: false },
  );
  schema.plugin(tenantScopedPlugin);
  schema.index({ tenantId: 1, nameKey: 1 }, { unique: true });
  schema.index({ tenantId: 1, deleted: 1, nameKey: 1 });
  return schema;
}

export interface CatalogueOptions<View> {
  label: string;
  eventType: string;
  notFound: ErrorCode;
  nameExists: ErrorCode;
  toView: (item: CatalogueItemDocument) => View;
}

/** Catalogues are small (hundreds at most): lists are bounded by this, not paginated. */
const MAX_CATALOGUE_ITEMS = 500;

export class Catalogue<View> {
  private readonly store: VersionedStore<CatalogueItemDocument>;

  constructor(
    private readonly model: Model<CatalogueItemDocument>,
    outbox: OutboxRelay,
    private readonly options: CatalogueOptions<View>,
  ) {
    this.store = new VersionedStore(model, outbox, {
      notFound: () => DomainError.notFound(options.notFound, options.label),
      busy: () =>
        new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, `The ${options.label.toLowerCase()} is being changed by others; try again`),
      visible: { deleted: false },
    });
  }

  async list(tenantId: string): Promise<View[]> {
    const items = await this.model
      .find({ tenantId, deleted: false })
      .sort({ nameKey: 1 })
      .limit(MAX_CATALOGUE_ITEMS)
      .lean<CatalogueItemDocument[]>();
    return items.map(this.options.toView);
  }

  async create(ctx: RequestContext, input: { name: string; color?: string | null }): Promise<View> {
    const now = new Date();
    const item: CatalogueItemDocument = {
      _id: new Types.ObjectId(),
      tenantId: ctx.tenantId,
      name: input.name.trim(),
      nameKey: searchableText(input.name),
      color: input.color ?? null,
      deleted: false,
      createdAt: now,
      updatedAt: now,
      outbox: [],
    };
    if (!item.name) throw DomainError.validation({ name: ['name must not be empty'] });
    const view = this.options.toView(item);
    const event = this.event(ctx, { change: 'created', id: String(item._id), before: {}, after: view as Record<string, unknown> });
    if (!(await this.store.insert(item, [event]))) throw this.nameExists(item.name);
    return view;
  }

  async update(ctx: RequestContext, id: string, changes: { name?: string; color?: string | null }): Promise<View> {
    const set: Partial<CatalogueItemDocument> = {};
    if (changes.name !== undefined) {
      set.name = changes.name.trim();
      set.nameKey = searchableText(changes.name);
      if (!set.name) throw DomainError.validation({ name: ['name must not be empty'] });
    }
    if (changes.color !== undefined) set.color = changes.color;
    const result = await this.store
      .change(ctx.tenantId, id, (current) => ({
        set,
        events: (updated) => [
          this.event(ctx, {
            change: changes.name !== undefined && changes.name !== current.name ? 'renamed' : 'updated',
            id: String(current._id),
            before: this.options.toView(current) as Record<string, unknown>,
            after: this.options.toView(updated) as Record<string, unknown>,
          }),
        ],
      }))
      .catch((error: unknown) => {
        if (isDuplicateKey(error)) throw this.nameExists(set.name ?? '');
        throw error;
      });
    return this.options.toView(result.updated);
  }

  /** Soft delete (the event rides on the document); the name becomes free for a new item. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.store.change(ctx.tenantId, id, (current) => ({
      set: { deleted: true, nameKey: `deleted:${current._id}` },
      events: () => [
        this.event(ctx, {
          change: 'deleted',
          id: String(current._id),
          before: this.options.toView(current) as Record<string, unknown>,
          after: {},
        }),
      ],
    }));
  }

  async viewsByIds(tenantId: string, ids: Types.ObjectId[]): Promise<View[]> {
    if (!ids.length) return [];
    const items = await this.model.find({ tenantId, _id: { $in: ids }, deleted: false }).lean<CatalogueItemDocument[]>();
    const byId = new Map(items.map((item) => [String(item._id), item]));
    return ids
      .map((id) => byId.get(String(id)))
      .filter((item): item is CatalogueItemDocument => !!item)
      .map(this.options.toView);
  }

  /** The ids as ObjectIds, or a field error naming those that are not in this tenant's catalogue. */
  async requireIds(tenantId: string, ids: string[], field: string): Promise<Types.ObjectId[]> {
    const unique = [...new Set(ids)];
    const found = unique.length ? await this.model.find({ tenantId, _id: { $in: unique }, deleted: false }, { _id: 1 }).lean() : [];
    const foundIds = new Set(found.map((item) => String(item._id)));
    const missing = unique.filter((id) => !foundIds.has(id));
    if (missing.length)
      throw DomainError.validation({ [field]: [`unknown ${this.options.label.toLowerCase()} id(s): ${missing.join(', ')}`] });
    return unique.map((id) => new Types.ObjectId(id));
  }

  private nameExists(name: string): DomainError {
    return new DomainError(this.options.nameExists, `${this.options.label} "${name}" already exists`, {
      fields: { name: [`a ${this.options.label.toLowerCase()} with this name already exists`] },
    });
  }

  private event(ctx: RequestContext, data: CatalogueEventData): DomainEvent<CatalogueEventData> {
    return newEvent(this.options.eventType, ctx.tenantId, { userId: ctx.userId }, data);
  }
}
