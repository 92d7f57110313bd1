import {
  ContactEventTypes,
  DomainEvent,
  ErrorCodes,
  NoteEventData,
  NoteView,
  Page,
  PageQueryDto,
  RequestContext,
} from '@conversations/contracts';
import {
  afterCursorFilter,
  DomainError,
  newEvent,
  OutboxRelay,
  toPage,
  type StoreChange,
  VersionedStore,
} from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ContactsService } from '../contacts/contacts.service';
import { NOTE_MODEL, NoteDocument } from './note.schema';

const PREVIEW_LENGTH = 140;
const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class NotesService {
  private readonly store: VersionedStore<NoteDocument>;

  constructor(
    @InjectModel(NOTE_MODEL) private readonly notes: Model<NoteDocument>,
    private readonly contacts: ContactsService,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(notes, outbox, {
      notFound: () => DomainError.notFound(ErrorCodes.NOTE_NOT_FOUND, 'Note'),
      busy: () => new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The note is being changed by others right now; try again'),
      visible: { deleted: false },
    });
  }

  async list(ctx: RequestContext, contactId: string, query: PageQueryDto): Promise<Page<NoteView>> {
    await this.contacts.requireExists(ctx, contactId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.notes
      .find({ tenantId: ctx.tenantId, contactId, deleted: false, ...afterCursorFilter('updatedAt', query.cursor) })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<NoteDocument[]>();
    return toPage(rows, limit, (row) => row.updatedAt, viewOf);
  }

  async create(ctx: RequestContext, contactId: string, body: string): Promise<NoteView> {
    await this.contacts.requireExists(ctx, contactId);
    const now = new Date();
    const note: NoteDocument = {
      _id: new Types.ObjectId(),
      tenantId: ctx.tenantId,
      contactId: new Types.ObjectId(contactId),
      body: requireText(body),
      authorId: ctx.userId,
      deleted: false,
      createdAt: now,
      updatedAt: now,
      outbox: [],
    };
    const view = viewOf(note);
    const event = this.event(ctx, ContactEventTypes.noteAdded, { contactId, noteId: view.id, before: {}, after: view });
    await this.store.insert(note, [event]);
    return view;
  }

  async update(ctx: RequestContext, contactId: string, noteId: string, body: string): Promise<NoteView> {
    const text = requireText(body);
    const result = await this.change(ctx, contactId, noteId, (current) => ({
      set: { body: text },
      events: (updated) => [
        this.event(ctx, ContactEventTypes.noteEdited, {
          contactId,
          noteId,
          before: { body: current.body, updatedAt: current.updatedAt.toISOString() },
          after: { body: updated.body, updatedAt: updated.updatedAt.toISOString() },
        }),
      ],
    }));
    return viewOf(result.updated);
  }

  async delete(ctx: RequestContext, contactId: string, noteId: string): Promise<void> {
    await this.change(ctx, contactId, noteId, (current) => ({
      set: { deleted: true },
      events: () => [this.event(ctx, ContactEventTypes.noteDeleted, { contactId, noteId, before: viewOf(current), after: {} })],
    }));
  }

  /** A change of a note of this contact: a note of another contact is not found here. */
  private async change(
    ctx: RequestContext,
    contactId: string,
    noteId: string,
    compute: (current: NoteDocument) => StoreChange<NoteDocument>,
  ) {
    await this.contacts.requireExists(ctx, contactId);
    return this.store.change(ctx.tenantId, noteId, (current) => {
      if (String(current.contactId) !== contactId) throw DomainError.notFound(ErrorCodes.NOTE_NOT_FOUND, 'Note');
      return compute(current);
    });
  }

  private event(ctx: RequestContext, type: string, data: NoteEventData): DomainEvent<NoteEventData> {
    return newEvent(type, ctx.tenantId, { userId: ctx.userId }, data);
  }
}

function requireText(body: string): string {
  const text = body.trim();
  if (!text) throw DomainError.validation({ body: ['body must not be empty'] });
  return text;
}

function viewOf(note: NoteDocument): NoteView {
  const flat = note.body.replace(/\s+/g, ' ');
  return {
    id: String(note._id),
    contactId: String(note.contactId),
    body: note.body,
    preview: flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat,
    authorId: note.authorId,
    createdAt: note.createdAt.toISOString(),
    updatedAt: note.updatedAt.toISOString(),
  };
}
