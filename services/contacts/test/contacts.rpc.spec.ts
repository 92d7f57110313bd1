import {
  ContactEventTypes,
  type ContactListItem,
  ContactsSubjects,
  type ContactView,
  type FindOrCreateResult,
  type NoteView,
  type Page,
  type TagView,
  teamMemberKey,
} from '@conversations/contracts';
import { initTracing } from '@conversations/service-kit';
import { eventually, uniqueId } from '@conversations/testing';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import { ContactsHarness } from './harness';

describe('contacts service over NATS', () => {
  let harness: ContactsHarness;
  const spans = new InMemorySpanExporter();
  beforeAll(async () => {
    // Before the service boots (its own initTracing is then a no-op): spans are kept for inspection.
    initTracing('contacts', { spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
    harness = await ContactsHarness.start();
  });
  afterAll(() => harness?.stop());

  it('creates, reads, updates (partial) and soft-deletes a contact', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const created = await harness.call<ContactView>(ContactsSubjects.create, ctx, {
      firstName: 'José',
      lastName: 'Núñez',
      phone: '(415) 555-0123',
      email: 'Jose@Example.com',
    });
    expect(created).toMatchObject({
      fullName: 'José Núñez',
      phone: '+14155550123',
      email: 'jose@example.com',
      dnd: { all: false },
      assignment: { type: 'unassigned' },
    });

    const updated = await harness.call<ContactView>(ContactsSubjects.update, ctx, {
      id: created.id,
      changes: { company: 'Acme', email: null },
    });
    expect(updated).toMatchObject({ firstName: 'José', company: 'Acme', email: null, phone: '+14155550123' });

    await harness.call(ContactsSubjects.delete, ctx, { id: created.id });
    expect(await harness.callError(ContactsSubjects.get, ctx, { id: created.id })).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    // The phone number is free again once its contact is deleted.
    await expect(harness.call(ContactsSubjects.create, ctx, { phone: '+14155550123' })).resolves.toMatchObject({ phone: '+14155550123' });
  });

  it('refuses a second contact with the same phone, naming the existing one', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const first = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Ana', phone: '+14155550199' });
    const error = await harness.callError(ContactsSubjects.create, ctx, { firstName: 'Other', phone: '415 555 0199' });
    expect(error).toMatchObject({
      code: 'CONTACT_PHONE_EXISTS',
      fields: { phone: [expect.any(String)] },
      details: { contactId: first.id },
    });
  });

  it('rejects bad input with field-level messages and stores nothing', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    expect(await harness.callError(ContactsSubjects.create, ctx, { firstName: 'A', email: 'not-an-email', phone: '12' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { email: [expect.any(String)] },
    });
    expect(await harness.callError(ContactsSubjects.create, ctx, { firstName: 'A', phone: '999' })).toMatchObject({
      fields: { phone: [expect.stringContaining('not a valid phone number')] },
    });
    expect(await harness.callError(ContactsSubjects.create, ctx, { firstName: 'A', nickname: 'x' })).toMatchObject({
      fields: { nickname: ['nickname is not a known field'] },
    });
    expect(await harness.callError(ContactsSubjects.create, ctx, {})).toMatchObject({
      fields: { firstName: [expect.stringContaining('at least a name')] },
    });
    expect(await harness.callError(ContactsSubjects.create, ctx, { firstName: 'A', timeZone: 'Mars/Base' })).toMatchObject({
      fields: { timeZone: [expect.any(String)] },
    });
    const page = await harness.call<Page<ContactListItem>>(ContactsSubjects.list, ctx, {});
    expect(page.items).toHaveLength(0);
  });

  it('F1/F4: lists newest first and pages by cursor without repeats while contacts are added', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const ids: string[] = [];
    for (let index = 0; index < 23; index++)
      ids.push((await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: `Person${index}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let inserted = 0;
    do {
      const page: Page<ContactListItem> = await harness.call(ContactsSubjects.list, ctx, { limit: 5, cursor });
      seen.push(...page.items.map((item) => item.id));
      await harness.call(ContactsSubjects.create, ctx, { firstName: `Late${inserted++}` });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('F5: a pinned contact comes first on page one and never again', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const ids: string[] = [];
    for (let index = 0; index < 8; index++)
      ids.push((await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: `P${index}` })).id);
    const pinned = ids[1];
    const first: Page<ContactListItem> = await harness.call(ContactsSubjects.list, ctx, { limit: 3, pinned });
    const second: Page<ContactListItem> = await harness.call(ContactsSubjects.list, ctx, { limit: 10, pinned, cursor: first.nextCursor });
    const all = [...first.items, ...second.items].map((item) => item.id);
    expect(all[0]).toBe(pinned);
    expect(new Set(all).size).toBe(8);
  });

  it('F2: finds a contact by phone in any format and by name ignoring case and accents', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const jose = await harness.call<ContactView>(ContactsSubjects.create, ctx, {
      firstName: 'José',
      lastName: "O'Brien-Núñez",
      phone: '+14155550123',
    });
    const joseph = await harness.call<ContactView>(ContactsSubjects.create, ctx, {
      firstName: 'Joseph',
      lastName: 'Smith',
      phone: '+12125550100',
    });
    const search = async (q: string) =>
      (await harness.call<Page<ContactListItem>>(ContactsSubjects.list, ctx, { q })).items.map((item) => item.id);
    for (const phone of ['+14155550123', '(415) 555-0123', '415-555-0123', '4155550123', '5550123'])
      expect(await search(phone)).toEqual([jose.id]);
    // The start of the number, as people type area codes first, with or without the country code.
    for (const start of ['+1415', '1415', '(415) 555-01', '415', '415 55'])
      expect({ start, found: await search(start) }).toEqual({ start, found: [jose.id] });
    expect(await search('+1 212')).toEqual([joseph.id]);
    expect(await search('555')).toHaveLength(0);
    for (const name of ['jose o', 'JOSÉ', 'nunez', 'núñez', "o'brien", 'brien', 'José Núñez'])
      expect(await search(name)).toContain(jose.id);
    expect(await search('jos')).toHaveLength(2);
    // Every word must start a word of the name, in any order.
    expect(await search('smith jose')).toEqual([joseph.id]);
    expect(await search('smith brien')).toEqual([]);
    expect(await search('.*')).toEqual([]);
  });

  it('find-or-create by phone creates once even when called concurrently', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        harness.call<FindOrCreateResult>(ContactsSubjects.findOrCreateByPhone, ctx, { phone: '+1 (312) 555-0144' }),
      ),
    );
    expect(new Set(results.map((result) => result.contact.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results[0].contact).toMatchObject({ phone: '+13125550144', source: 'inbound' });
  });

  it('F27/F28: sets tags and disposition from the tenant catalogue; deleting a tag removes it from contacts', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const vip = await harness.call<TagView>(ContactsSubjects.tagsCreate, ctx, { name: 'VIP', color: '#ff0000' });
    const follow = await harness.call<TagView>(ContactsSubjects.tagsCreate, ctx, { name: 'Follow-up' });
    expect(await harness.callError(ContactsSubjects.tagsCreate, ctx, { name: 'vip' })).toMatchObject({ code: 'TAG_NAME_EXISTS' });
    const sale = await harness.call<{ id: string }>(ContactsSubjects.dispositionsCreate, ctx, { name: 'Sale' });
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Tagged' });

    const tagged = await harness.call<ContactView>(ContactsSubjects.setTags, ctx, { id: contact.id, tagIds: [vip.id, follow.id] });
    expect(tagged.tags.map((tag) => tag.name)).toEqual(['VIP', 'Follow-up']);
    const renamed = await harness.call<TagView>(ContactsSubjects.tagsUpdate, ctx, { id: vip.id, changes: { name: 'Very Important' } });
    expect(renamed.name).toBe('Very Important');
    const disposed = await harness.call<ContactView>(ContactsSubjects.setDisposition, ctx, { id: contact.id, dispositionId: sale.id });
    expect(disposed.disposition).toEqual({ id: sale.id, name: 'Sale' });

    await harness.call(ContactsSubjects.tagsDelete, ctx, { id: follow.id });
    const after = await harness.call<ContactView>(ContactsSubjects.get, ctx, { id: contact.id });
    expect(after.tags.map((tag) => tag.name)).toEqual(['Very Important']);
    expect(await harness.call<TagView[]>(ContactsSubjects.tagsList, ctx)).toHaveLength(1);
    // The deleted name can be used again.
    await expect(harness.call(ContactsSubjects.tagsCreate, ctx, { name: 'Follow-up' })).resolves.toMatchObject({ name: 'Follow-up' });

    expect(await harness.callError(ContactsSubjects.setTags, ctx, { id: contact.id, tagIds: ['0123456789abcdef01234567'] })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { tagIds: [expect.stringContaining('unknown tag')] },
    });
  });

  it('F32/F25: DND changes are saved and the consent history says who changed what', async () => {
    const ctx = harness.context(uniqueId('tenant'), 'u-ana');
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Quiet', phone: '+14155550188' });
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { sms: true } });
    const after = await harness.call<ContactView>(ContactsSubjects.updateDnd, ctx, {
      id: contact.id,
      changes: { calls: true, sms: true },
      source: 'inbound-keyword',
      keyword: 'STOP',
    });
    expect(after.dnd).toEqual({ all: false, email: false, sms: true, calls: true, inboundCallsAndSms: false });
    expect(after.dndHistory).toEqual([
      expect.objectContaining({ source: 'user', by: 'u-ana', changes: { sms: true } }),
      expect.objectContaining({ source: 'inbound-keyword', keyword: 'STOP', changes: { calls: true } }),
    ]);
  });

  it('F29: notes are listed most recently updated first with a preview and author', async () => {
    const ctx = harness.context(uniqueId('tenant'), 'u-ben');
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Noted' });
    const first = await harness.call<NoteView>(ContactsSubjects.notesCreate, ctx, { contactId: contact.id, body: 'x'.repeat(300) });
    const second = await harness.call<NoteView>(ContactsSubjects.notesCreate, ctx, { contactId: contact.id, body: 'Second note' });
    expect(first.preview).toHaveLength(140);
    expect(first.authorId).toBe('u-ben');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await harness.call(ContactsSubjects.notesUpdate, ctx, { contactId: contact.id, noteId: first.id, body: 'Edited first' });
    const page = await harness.call<Page<NoteView>>(ContactsSubjects.notesList, ctx, { contactId: contact.id });
    expect(page.items.map((note) => note.body)).toEqual(['Edited first', 'Second note']);
    await harness.call(ContactsSubjects.notesDelete, ctx, { contactId: contact.id, noteId: second.id });
    expect((await harness.call<Page<NoteView>>(ContactsSubjects.notesList, ctx, { contactId: contact.id })).items).toHaveLength(1);
    expect(await harness.callError(ContactsSubjects.notesCreate, ctx, { contactId: contact.id, body: '   ' })).toMatchObject({
      fields: { body: [expect.any(String)] },
    });
  });

  it('F19: assigns to a team member of the tenant only', async () => {
    const tenantId = uniqueId('tenant');
    const ctx = harness.context(tenantId);
    const connection = harness.service.app.get<Connection>(getConnectionToken());
    await connection.collection('team_members').insertOne({
      _id: teamMemberKey(tenantId, 'u-zed') as never,
      tenantId,
      userId: 'u-zed',
      name: 'Zed',
      email: 'zed@x.test',
      phone: null,
      timeZone: 'UTC',
      role: 'agent',
    });
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Assignee' });
    expect(
      await harness.call<ContactView>(ContactsSubjects.assign, ctx, { id: contact.id, assignment: { type: 'user', userId: 'u-zed' } }),
    ).toMatchObject({ assignment: { type: 'user', userId: 'u-zed' } });
    expect(
      await harness.call<ContactView>(ContactsSubjects.assign, ctx, { id: contact.id, assignment: { type: 'company' } }),
    ).toMatchObject({ assignment: { type: 'company', userId: null } });
    expect(
      await harness.callError(ContactsSubjects.assign, ctx, { id: contact.id, assignment: { type: 'user', userId: 'u-nobody' } }),
    ).toMatchObject({ fields: { userId: [expect.any(String)] } });
    expect(
      await harness.callError(ContactsSubjects.assign, harness.context(uniqueId('tenant')), {
        id: contact.id,
        assignment: { type: 'company' },
      }),
    ).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
  });

  it('F36: another tenant can neither read, search, change nor delete the contact, its notes or tags', async () => {
    const owner = harness.context(uniqueId('tenant'));
    const intruder = harness.context(uniqueId('tenant'));
    const contact = await harness.call<ContactView>(ContactsSubjects.create, owner, { firstName: 'Private', phone: '+14155550177' });
    const note = await harness.call<NoteView>(ContactsSubjects.notesCreate, owner, { contactId: contact.id, body: 'secret' });
    const tag = await harness.call<TagView>(ContactsSubjects.tagsCreate, owner, { name: 'Owner tag' });

    expect(await harness.callError(ContactsSubjects.get, intruder, { id: contact.id })).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect((await harness.call<Page<ContactListItem>>(ContactsSubjects.list, intruder, { q: 'Private' })).items).toEqual([]);
    expect((await harness.call<Page<ContactListItem>>(ContactsSubjects.list, intruder, { q: '5550177' })).items).toEqual([]);
    expect(await harness.callError(ContactsSubjects.update, intruder, { id: contact.id, changes: { firstName: 'Hacked' } })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    expect(await harness.callError(ContactsSubjects.delete, intruder, { id: contact.id })).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect(await harness.callError(ContactsSubjects.notesList, intruder, { contactId: contact.id })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
    expect(
      await harness.callError(ContactsSubjects.notesUpdate, intruder, { contactId: contact.id, noteId: note.id, body: 'x' }),
    ).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect(await harness.callError(ContactsSubjects.tagsUpdate, intruder, { id: tag.id, changes: { name: 'x' } })).toMatchObject({
      code: 'TAG_NOT_FOUND',
    });
    expect(await harness.callError(ContactsSubjects.tagsDelete, intruder, { id: tag.id })).toMatchObject({ code: 'TAG_NOT_FOUND' });
    // The intruder's own contact may even take the same phone number: tenants are separate books.
    await expect(harness.call(ContactsSubjects.create, intruder, { phone: '+14155550177' })).resolves.toBeDefined();

    expect(await harness.call<ContactView>(ContactsSubjects.get, owner, { id: contact.id })).toMatchObject({ firstName: 'Private' });
    expect(
      (await harness.call<Page<NoteView>>(ContactsSubjects.notesList, owner, { contactId: contact.id })).items.map((n) => n.body),
    ).toEqual(['secret']);
  });

  it('F33: each change publishes exactly one event with what changed, before and after', async () => {
    const tenantId = uniqueId('tenant');
    const ctx = harness.context(tenantId, 'u-ana');
    const watcher = await harness.watchEvents(tenantId);
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Evented', phone: '+14155550166' });
    await harness.call(ContactsSubjects.update, ctx, { id: contact.id, changes: { lastName: 'Person' } });
    await harness.call(ContactsSubjects.update, ctx, { id: contact.id, changes: { lastName: 'Person' } });
    await harness.call(ContactsSubjects.updateDnd, ctx, { id: contact.id, changes: { all: true } });
    await harness.call(ContactsSubjects.notesCreate, ctx, { contactId: contact.id, body: 'hello' });
    const events = await eventually(
      () => watcher.events,
      (list) => list.length >= 4,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.stop();
    expect(events.map((event) => event.type)).toEqual([
      ContactEventTypes.created,
      ContactEventTypes.updated,
      ContactEventTypes.dndChanged,
      ContactEventTypes.noteAdded,
    ]);
    expect(events[1]).toMatchObject({
      tenantId,
      actor: { userId: 'u-ana' },
      data: {
        contactId: contact.id,
        before: { lastName: null, fullName: 'Evented' },
        after: { lastName: 'Person', fullName: 'Evented Person' },
      },
    });
    expect(events[2].data).toMatchObject({ before: { dnd: { all: false } }, after: { dnd: { all: true } } });
    expect(new Set(events.map((event) => event.id)).size).toBe(4);
  });

  it('continues the caller’s trace: one span per request, child of the traceparent in the context', async () => {
    const traceId = 'a'.repeat(32);
    const parentSpanId = 'b'.repeat(16);
    const ctx = { ...harness.context(uniqueId('tenant')), traceparent: `00-${traceId}-${parentSpanId}-01` };
    await harness.call(ContactsSubjects.create, ctx, { firstName: 'Traced' });
    const span = spans.getFinishedSpans().find((candidate) => candidate.spanContext().traceId === traceId);
    expect(span).toMatchObject({ name: 'rpc contacts.create', parentSpanContext: { spanId: parentSpanId } });
  });

  it('serves Prometheus metrics with request timings per subject and outcome', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    await harness.call(ContactsSubjects.create, ctx, { firstName: 'Measured' });
    await harness.callError(ContactsSubjects.get, ctx, { id: '000000000000000000000000' });
    const metrics = await (await fetch(harness.service.healthUrl.replace(/\/health$/, '/metrics'))).text();
    expect(metrics).toMatch(/conversations_rpc_duration_seconds_count\{subject="contacts\.create",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/conversations_rpc_duration_seconds_count\{subject="contacts\.get",outcome="CONTACT_NOT_FOUND"\} [1-9]/);
    expect(metrics).toContain('process_cpu_seconds_total');
  });

  it('an event whose publish was interrupted is republished by the outbox sweep, once', async () => {
    const tenantId = uniqueId('tenant');
    const ctx = harness.context(tenantId);
    const contact = await harness.call<ContactView>(ContactsSubjects.create, ctx, { firstName: 'Crashy' });
    const watcher = await harness.watchEvents(tenantId);
    // What a crash between the write and the publish leaves behind: an event still in the outbox.
    const connection = harness.service.app.get<Connection>(getConnectionToken());
    const stranded = {
      id: uniqueId('evt'),
      type: ContactEventTypes.updated,
      tenantId,
      occurredAt: new Date().toISOString(),
      actor: { system: 'test' },
      data: { contactId: contact.id },
    };
    await connection.collection('contacts').updateOne({ _id: new Types.ObjectId(contact.id) }, { $push: { outbox: stranded } as never });
    const { OutboxRelay } = await import('@conversations/service-kit');
    const { getModelToken } = await import('@nestjs/mongoose');
    const contactModel = harness.service.app.get(getModelToken('Contact'), { strict: false });
    const relay = harness.service.app.get(OutboxRelay);
    await relay.sweep([contactModel]);
    await relay.sweep([contactModel]);
    const events = await eventually(
      () => watcher.events,
      (list) => list.length >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.stop();
    expect(events.map((event) => event.id)).toEqual([stranded.id]);
    const document = await connection.collection('contacts').findOne({ _id: new Types.ObjectId(contact.id) });
    expect(document?.outbox).toEqual([]);
  });
});
