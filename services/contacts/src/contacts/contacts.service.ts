import {
  ContactChangedEventData,
  ContactEventTypes,
  ContactFieldsDto,
  ContactListItem,
  ContactView,
  CreateContactDto,
  ErrorCodes,
  FindOrCreateResult,
  ListContactsQueryDto,
  Page,
  RequestContext,
} from '@conversations/contracts';
import { personSearchFilter } from '@conversations/person-search';
import { afterCursorFilter, DomainError, isDuplicateKey, newEvent, OutboxRelay, toPage, VersionedStore } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { DomainEvent } from '@conversations/contracts';
import { Model, Types } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { CONTACTS_CONFIG, ContactsConfig } from '../config';
import { DispositionsService } from '../dispositions/dispositions.service';
import { TagsService } from '../tags/tags.service';
import { CONTACT_MODEL, ContactDocument } from './contact.schema';
import { derivedFields, listItemOf, viewOf } from './contact.view';
import { toE164 } from './phone';

const DEFAULT_PAGE_SIZE = 25;

/** What one change to a contact sets, and the event that describes it. */
export interface ContactChange {
  set: Partial<ContactDocument>;
  eventType: string;
  /** Fields of the view that changed (before/after are computed from them). */
  viewFields: (keyof ContactView)[];
  /** Extra data for the event beyond before/after. */
  eventExtra?: Record<string, unknown>;
}

@Injectable()
export class ContactsService {
  private readonly store: VersionedStore<ContactDocument>;

  constructor(
    @InjectModel(CONTACT_MODEL) private readonly contacts: Model<ContactDocument>,
    @Inject(CONTACTS_CONFIG) private readonly config: ContactsConfig,
    private readonly tags: TagsService,
    private readonly dispositions: DispositionsService,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(contacts, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.CONTACT_NOT_FOUND, 'Contact'),
      busy: () => new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The contact is being changed by others right now; try again'),
      visible: { deleted: false },
    });
  }

  async list(ctx: RequestContext, query: ListContactsQueryDto): Promise<Page<ContactListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filters: Record<string, unknown>[] = [{ tenantId: ctx.tenantId, deleted: false }];
    const search = query.q?.trim();
    if (search) filters.push(personSearchFilter(search, this.config.DEFAULT_PHONE_COUNTRY));
    if (query.pinned) filters.push({ _id: { $ne: new Types.ObjectId(query.pinned) } });
    if (query.cursor) filters.push(afterCursorFilter('createdAt', query.cursor));
    const rows = await this.contacts
      .find(filters.length === 1 ? filters[0] : { tenantId: ctx.tenantId, $and: filters })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ContactDocument[]>();
    const page = toPage(rows, limit, (row) => row.createdAt, listItemOf);
    if (query.pinned && !query.cursor && !search) {
      const pinned = await this.contacts.findOne({ _id: query.pinned, tenantId: ctx.tenantId, deleted: false }).lean<ContactDocument>();
      if (pinned) page.items = [listItemOf(pinned), ...page.items];
    }
    return page;
  }

  async get(ctx: RequestContext, id: string): Promise<ContactView> {
    return this.view(await this.load(ctx, id));
  }

  async requireExists(ctx: RequestContext, id: string): Promise<void> {
    await this.load(ctx, id);
  }

  async create(ctx: RequestContext, input: CreateContactDto, source?: string): Promise<ContactView> {
    const fields = this.normalise(input);
    if (!fields.firstName && !fields.lastName && !fields.phone && !fields.email) {
      throw DomainError.validation({ firstName: ['a contact needs at least a name, a phone number or an email'] });
    }
    const now = new Date();
    const _id = new Types.ObjectId();
    const document: Partial<ContactDocument> = {
      _id,
      tenantId: ctx.tenantId,
      firstName: null,
      lastName: null,
      phone: null,
      ...fields,
      source: fields.source ?? source ?? null,
      phoneKey: fields.phone ?? `none:${_id}`,
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    this.deriveKeys(document);
    const contact = new this.contacts(document).toObject() as ContactDocument;
    const view = viewOf(contact, [], null);
    const event = this.event(ctx, ContactEventTypes.created, contact, {}, view);
    if (!(await this.store.insert(contact, [event]))) {
      // The only unique key a new contact can collide on is its phone number.
      const existing = await this.contacts.findOne({ tenantId: ctx.tenantId, phoneKey: fields.phone }, { _id: 1 }).lean();
      throw phoneExists(fields.phone, existing ? String(existing._id) : undefined);
    }
    return view;
  }

  /** Inbound messages and calls: the contact with this number, created on first contact. */
  async findOrCreateByPhone(ctx: RequestContext, phoneInput: string, source?: string): Promise<FindOrCreateResult> {
    const phone = toE164(phoneInput, this.config.DEFAULT_PHONE_COUNTRY);
    const existing = await this.contacts.findOne({ tenantId: ctx.tenantId, phoneKey: phone }).lean<ContactDocument>();
    if (existing) return { contact: await this.view(existing), created: false };
    try {
      return { contact: await this.create(ctx, { phone }, source ?? 'inbound'), created: true };
    } catch (error) {
      // Two inbound messages from a new number at once: the unique key lets one create, the other finds it.
      if (error instanceof DomainError && error.code === ErrorCodes.CONTACT_PHONE_EXISTS) {
        const winner = await this.contacts.findOne({ tenantId: ctx.tenantId, phoneKey: phone }).lean<ContactDocument>();
        if (winner) return { contact: await this.view(winner), created: false };
      }
      throw error;
    }
  }

  async update(ctx: RequestContext, id: string, input: ContactFieldsDto): Promise<ContactView> {
    const fields = this.normalise(input);
    const changed = Object.keys(fields) as (keyof ContactView & keyof ContactDocument)[];
    return this.applyChange(ctx, id, (current) => {
      // Saving an unchanged form writes nothing and tells no one.
      if (changed.every((key) => isDeepStrictEqual(current[key] ?? null, fields[key] ?? null))) return null;
      const set: Partial<ContactDocument> = { ...fields };
      if ('phone' in fields) set.phoneKey = fields.phone ?? `none:${current._id}`;
      const next = { ...current, ...set };
      if (!next.firstName && !next.lastName && !next.phone && !next.email) {
        throw DomainError.validation({ firstName: ['a contact needs at least a name, a phone number or an email'] });
      }
      this.deriveKeys(next);
      Object.assign(set, { fullName: next.fullName, searchKeys: next.searchKeys, phoneDigitsReversed: next.phoneDigitsReversed });
      const viewFields: (keyof ContactView)[] =
        changed.includes('firstName') || changed.includes('lastName') ? [...changed, 'fullName'] : changed;
      return { set, eventType: ContactEventTypes.updated, viewFields };
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.applyChange(ctx, id, (current) => ({
      set: { deleted: true, deletedAt: new Date(), phoneKey: `deleted:${current._id}` },
      eventType: ContactEventTypes.deleted,
      viewFields: [],
    }));
  }

  /**
   * The one write path for an existing contact (see VersionedStore): the change and its event in one
   * single-document update conditioned on the version read, retried on a concurrent write.
   */
  async applyChange(ctx: RequestContext, id: string, compute: (current: ContactDocument) => ContactChange | null): Promise<ContactView> {
    let after: ContactView | undefined;
    let phone: string | null | undefined;
    const result = await this.store
      .change(ctx.tenantId, id, (current) => {
        const change = compute(current);
        if (!change) return null;
        phone = change.set.phone;
        return {
          set: change.set,
          events: async (updated) => {
            const [before, next] = await Promise.all([this.view(current), this.view(updated)]);
            after = next;
            const fields = change.viewFields;
            return [this.event(ctx, change.eventType, updated, pick(before, fields), pick(next, fields), change.eventExtra)];
          },
        };
      })
      .catch((error: unknown) => {
        if (isDuplicateKey(error) && phone) throw phoneExists(phone);
        throw error;
      });
    return result.applied && after ? after : this.view(result.current);
  }

  load(ctx: RequestContext, id: string): Promise<ContactDocument> {
    return this.store.load(ctx.tenantId, id);
  }

  async view(contact: ContactDocument): Promise<ContactView> {
    const [tags, disposition] = await Promise.all([
      this.tags.viewsByIds(contact.tenantId, contact.tagIds ?? []),
      contact.dispositionId ? this.dispositions.viewById(contact.tenantId, contact.dispositionId) : null,
    ]);
    return viewOf(contact, tags, disposition);
  }

  private normalise(input: ContactFieldsDto): Partial<ContactDocument> {
    const fields: Partial<ContactDocument> = {};
    const text = (value: string | null | undefined) => (value == null ? null : value.trim() || null);
    for (const key of ['firstName', 'lastName', 'company', 'timeZone', 'dateOfBirth', 'source'] as const) {
      if (key in input) fields[key] = text(input[key]);
    }
    if ('email' in input) fields.email = text(input.email)?.toLowerCase() ?? null;
    if ('phone' in input) fields.phone = input.phone ? toE164(input.phone, this.config.DEFAULT_PHONE_COUNTRY) : null;
    if ('address' in input) fields.address = input.address ? { ...input.address } : null;
    if ('customFields' in input) fields.customFields = input.customFields ?? {};
    return fields;
  }

  private deriveKeys(contact: Partial<ContactDocument>): void {
    Object.assign(contact, derivedFields(contact.firstName ?? null, contact.lastName ?? null, contact.phone ?? null));
  }

  private event(
    ctx: RequestContext,
    type: string,
    contact: ContactDocument,
    before: Partial<ContactView>,
    after: Partial<ContactView>,
    extra?: Record<string, unknown>,
  ): DomainEvent<ContactChangedEventData> {
    return newEvent(
      type,
      ctx.tenantId,
      { userId: ctx.userId },
      {
        contactId: String(contact._id),
        before,
        after,
        contact: {
          id: String(contact._id),
          firstName: contact.firstName,
          lastName: contact.lastName,
          fullName: contact.fullName,
          phone: contact.phone,
        },
        ...extra,
      },
    );
  }
}

function phoneExists(phone: string | null | undefined, contactId?: string): DomainError {
  return new DomainError(ErrorCodes.CONTACT_PHONE_EXISTS, `A contact with phone ${phone} already exists`, {
    fields: { phone: ['another contact already has this phone number'] },
    ...(contactId ? { details: { contactId } } : {}),
  });
}

function pick<T extends object>(source: T, keys: (keyof T)[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) picked[key] = source[key];
  return picked;
}
