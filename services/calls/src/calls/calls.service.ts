import {
  CallRecordingSource,
  CallsPageQueryDto,
  CallView,
  DomainEvent,
  ErrorCodes,
  ListCallsQueryDto,
  Page,
  RequestContext,
} from '@conversations/contracts';
import { contactCopyOf } from '@conversations/contact-copies';
import { personSearchFilter } from '@conversations/person-search';
import { afterCursorFilter, DomainError, toPage } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { CALLS_CONFIG, CallsConfig } from '../config';
import { ContactsClient } from '../peers/contacts.client';
import { CallDocument } from './call.schema';
import { callViewOf } from './call.view';
import { CallsRepository } from './calls.repository';

const DEFAULT_PAGE_SIZE = 25;

/** Reading calls (F8, F9, F14, F17) and keeping their copy of the contact current. */
@Injectable()
export class CallsService {
  constructor(
    private readonly repository: CallsRepository,
    private readonly contacts: ContactsClient,
    @Inject(CALLS_CONFIG) private readonly config: CallsConfig,
  ) {}

  /** F8/F9: the Calls tab, newest first by (startedAt, _id) cursor; optionally searched by name or number. */
  async list(ctx: RequestContext, query: ListCallsQueryDto): Promise<Page<CallView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filters: Record<string, unknown>[] = [];
    const search = query.search?.trim();
    if (search) filters.push(personSearchFilter(search, this.config.DEFAULT_PHONE_COUNTRY));
    if (query.cursor) filters.push(afterCursorFilter('startedAt', query.cursor));
    const rows = await this.repository.calls
      .find({ tenantId: ctx.tenantId, listed: true, ...(filters.length ? { $and: filters } : {}) })
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CallDocument[]>();
    return toPage(rows, limit, (row) => row.startedAt, callViewOf);
  }

  /**
   * F14: one contact's calls in the order and with the cursor of its messages (`encodeCursor` of
   * startedAt and _id, newest first), so the gateway pages both streams with one cursor.
   */
  async listForContact(ctx: RequestContext, contactId: string, query: CallsPageQueryDto): Promise<Page<CallView>> {
    if (!Types.ObjectId.isValid(contactId)) throw DomainError.notFound(ErrorCodes.CONTACT_NOT_FOUND, 'Contact');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.calls
      .find({ tenantId: ctx.tenantId, contactId: new Types.ObjectId(contactId), ...afterCursorFilter('startedAt', query.cursor) })
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CallDocument[]>();
    // An empty first page of an id this tenant does not have answers 404, like every other contact route.
    if (!rows.length && !query.cursor) await this.contacts.get(ctx, contactId);
    return toPage(rows, limit, (row) => row.startedAt, callViewOf);
  }

  async get(ctx: RequestContext, callId: string): Promise<CallView> {
    return callViewOf(await this.repository.load(ctx.tenantId, callId));
  }

  /** F17: where the gateway streams the audio from; the carrier URL never reaches a browser. */
  async recordingSource(ctx: RequestContext, callId: string): Promise<CallRecordingSource> {
    const call = await this.repository.load(ctx.tenantId, callId);
    if (!call.recording)
      throw new DomainError(
        ErrorCodes.RECORDING_NOT_FOUND,
        'This call has no recording (it was not recorded, or the carrier has not delivered it yet)',
      );
    return {
      sourceUrl: call.recording.sourceUrl,
      contentType: contentTypeOf(call.recording.sourceUrl),
      durationSeconds: call.recording.durationSeconds,
    };
  }

  /**
   * evt.contacts.updated/deleted: every call of the contact gets the new name, phone and search keys
   * (F26 "shows everywhere", F9 search) in one update; only an event newer than the copy applies. A
   * deleted contact's calls leave the Calls tab; the records stay. No call event is published: the
   * contact's own event already tells every open screen.
   */
  async applyContactChange(
    event: DomainEvent<{ contactId: string; contact?: { fullName: string; phone: string | null } }>,
    deleted: boolean,
  ): Promise<number> {
    const { contactId, contact } = event.data;
    if (!Types.ObjectId.isValid(contactId)) return 0;
    const at = new Date(event.occurredAt);
    const set: Partial<CallDocument> = { contactSyncedAt: at };
    if (contact) Object.assign(set, contactCopyOf(contact));
    if (deleted) set.listed = false;
    const filter = { tenantId: event.tenantId, contactId: new Types.ObjectId(contactId), contactSyncedAt: { $lt: at } };
    const result = await this.repository.calls.updateMany(filter, { $set: set });
    return result.modifiedCount;
  }
}

function contentTypeOf(url: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname.toLowerCase();
    } catch {
      return url.toLowerCase();
    }
  })();
  if (path.endsWith('.mp3')) return 'audio/mpeg';
  return 'audio/wav';
}
