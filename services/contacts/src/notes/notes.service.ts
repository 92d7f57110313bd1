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
import { afterCursorFilter, DomainError, newEvent, OutboxRelay, toPage } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ContactsService } from '../contacts/contacts.service';
import { NOTE_MODEL, NoteDocument } from './note.schema';

const PREVIEW_LENGTH = 140;
const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class NotesService {
  constructor(
    @InjectModel(NOTE_MODEL) private readonly notes: Model<NoteDocument>,
    private readonly contacts: ContactsService,
    private readonly outbox: OutboxRelay,
  ) {}

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
    await this.notes.create({ ...note, outbox: [event] });
    await this.relay(ctx, note._id, event);
    return view;
  }

  async update(ctx: RequestContext, contactId: string, noteId: string, body: string): Promise<NoteView> {
    const current = await this.load(ctx, contactId, noteId);
    const updated = { ...current, body: requireText(body), updatedAt: new Date() };
    const [before, after] = [viewOf(current), viewOf(updated)];
    const event = this.event(ctx, ContactEventTypes.noteEdited, {
      contactId,
      noteId,
      before: { body: before.body, updatedAt: before.updatedAt },
      after: { body: after.body, updatedAt: after.updatedAt },
    });
    await this.notes.updateOne(
      { _id: current._id, tenantId: ctx.tenantId },
      { $set: { body: updated.body, updatedAt: updated.updatedAt }, $push: { outbox: event } },
    );
    await this.relay(ctx, current._id, event);
    return after;
  }

  async delete(ctx: RequestContext, contactId: string, noteId: string): Promise<void> {
    const current = await this.load(ctx, contactId, noteId);
    const event = this.event(ctx, ContactEventTypes.noteDeleted, { contactId, noteId, before: viewOf(current), after: {} });
    await this.notes.updateOne({ _id: current._id, tenantId: ctx.tenantId }, { $set: { deleted: true }, $push: { outbox: event } });
    await this.relay(ctx, current._id, event);
  }

  private async load(ctx: RequestContext, contactId: string, noteId: string): Promise<NoteDocument> {
    await this.contacts.requireExists(ctx, contactId);
    const note = Types.ObjectId.isValid(noteId)
      ? await this.notes.findOne({ _id: noteId, tenantId: ctx.tenantId, contactId, deleted: false }).lean<NoteDocument>()
      : null;
    if (!note) throw DomainError.notFound(ErrorCodes.NOTE_NOT_FOUND, 'Note');
    return note;
  }

  private event(ctx: RequestContext, type: string, data: NoteEventData): DomainEvent<NoteEventData> {
    return newEvent(type, ctx.tenantId, { userId: ctx.userId }, data);
  }

  private relay(ctx: RequestContext, id: Types.ObjectId, event: DomainEvent): Promise<void> {
    return this.outbox.relay(this.notes, ctx.tenantId, id, [event]);
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
