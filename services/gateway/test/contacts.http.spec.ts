import type { ContactListItem, ContactView, DispositionView, FindOrCreateResult, NoteView, Page, TagView } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

describe('gateway: contacts API over HTTP', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let auth: { Authorization: string };

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });
  beforeEach(async () => {
    auth = await gateway.as(uniqueId('tenant'), 'u-ana');
  });

  it('F26: creates (201), reads, partially updates and deletes (204) a contact', async () => {
    const created = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .send({
        firstName: 'José',
        lastName: 'Núñez',
        phone: '(415) 555-0123',
        email: 'Jose@Example.com',
        address: { city: 'Oakland', country: 'US' },
      })
      .expect(201);
    const contact = created.body as ContactView;
    expect(contact).toMatchObject({
      fullName: 'José Núñez',
      phone: '+14155550123',
      email: 'jose@example.com',
      address: { city: 'Oakland', country: 'US' },
    });

    await gateway
      .http()
      .get(`/api/v1/contacts/${contact.id}`)
      .set(auth)
      .expect(200)
      .expect(({ body }) => expect(body).toEqual(contact));

    const updated = await gateway
      .http()
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(auth)
      .send({ company: 'Acme', email: null })
      .expect(200);
    expect(updated.body).toMatchObject({ id: contact.id, firstName: 'José', company: 'Acme', email: null, phone: '+14155550123' });

    await gateway
      .http()
      .delete(`/api/v1/contacts/${contact.id}`)
      .set(auth)
      .expect(204)
      .expect(({ text }) => expect(text).toBe(''));
    const gone = await gateway.http().get(`/api/v1/contacts/${contact.id}`).set(auth).expect(404);
    expect(gone.body).toEqual({ error: { code: 'CONTACT_NOT_FOUND', message: expect.any(String) } });
  });

  it('F1: lists contacts newest first as a page of list items', async () => {
    for (const firstName of ['First', 'Second', 'Third'])
      await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName }).expect(201);
    const page = (await gateway.http().get('/api/v1/contacts').query({ limit: 2 }).set(auth).expect(200)).body as Page<ContactListItem>;
    expect(page.items.map((item) => item.fullName)).toEqual(['Third', 'Second']);
    expect(Object.keys(page.items[0]).sort()).toEqual(['createdAt', 'firstName', 'fullName', 'id', 'lastName', 'phone']);
    const rest = (await gateway.http().get('/api/v1/contacts').query({ limit: 2, cursor: page.nextCursor }).set(auth).expect(200))
      .body as Page<ContactListItem>;
    expect(rest).toEqual({ items: [expect.objectContaining({ fullName: 'First' })], nextCursor: null });
  });

  it('F5: a pinned contact comes first on the first page', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 4; index++)
      ids.push(
        (
          await gateway
            .http()
            .post('/api/v1/contacts')
            .set(auth)
            .send({ firstName: `Pin${index}` })
            .expect(201)
        ).body.id,
      );
    const page = (await gateway.http().get('/api/v1/contacts').query({ limit: 2, pinned: ids[0] }).set(auth).expect(200))
      .body as Page<ContactListItem>;
    expect(page.items[0].id).toBe(ids[0]);
  });

  it('find-or-create by phone answers 201 when it creates and 200 when it finds', async () => {
    const first = await gateway
      .http()
      .post('/api/v1/contacts/find-or-create')
      .set(auth)
      .send({ phone: '+1 (312) 555-0144', source: 'Website form' })
      .expect(201);
    expect(first.body).toMatchObject({ created: true, contact: { phone: '+13125550144', source: 'Website form' } });
    const again = await gateway.http().post('/api/v1/contacts/find-or-create').set(auth).send({ phone: '312-555-0144' }).expect(200);
    expect((again.body as FindOrCreateResult).contact.id).toBe(first.body.contact.id);
    expect(again.body.created).toBe(false);
  });

  it('F27/F28: manages the tag and disposition catalogues and sets them on a contact', async () => {
    const vip = (await gateway.http().post('/api/v1/tags').set(auth).send({ name: 'VIP', color: '#ff0000' }).expect(201)).body as TagView;
    const follow = (await gateway.http().post('/api/v1/tags').set(auth).send({ name: 'Follow-up' }).expect(201)).body as TagView;
    const duplicate = await gateway.http().post('/api/v1/tags').set(auth).send({ name: 'vip' }).expect(409);
    expect(duplicate.body.error).toMatchObject({ code: 'TAG_NAME_EXISTS', fields: { name: [expect.any(String)] } });
    const renamed = await gateway.http().patch(`/api/v1/tags/${vip.id}`).set(auth).send({ name: 'Very Important' }).expect(200);
    expect(renamed.body).toEqual({ id: vip.id, name: 'Very Important', color: '#ff0000' });
    expect((await gateway.http().get('/api/v1/tags').set(auth).expect(200)).body.map((tag: TagView) => tag.name)).toEqual([
      'Follow-up',
      'Very Important',
    ]);

    const sale = (await gateway.http().post('/api/v1/dispositions').set(auth).send({ name: 'Sale' }).expect(201)).body as DispositionView;
    const callback = (await gateway.http().post('/api/v1/dispositions').set(auth).send({ name: 'Callback' }).expect(201))
      .body as DispositionView;
    await gateway
      .http()
      .patch(`/api/v1/dispositions/${callback.id}`)
      .set(auth)
      .send({ name: 'Call back' })
      .expect(200, { id: callback.id, name: 'Call back' });
    await gateway.http().delete(`/api/v1/dispositions/${callback.id}`).set(auth).expect(204);
    expect((await gateway.http().get('/api/v1/dispositions').set(auth).expect(200)).body).toEqual([sale]);

    const contact = (await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Tagged' }).expect(201)).body as ContactView;
    const tagged = await gateway
      .http()
      .put(`/api/v1/contacts/${contact.id}/tags`)
      .set(auth)
      .send({ tagIds: [vip.id, follow.id] })
      .expect(200);
    expect(tagged.body.tags.map((tag: TagView) => tag.name)).toEqual(['Very Important', 'Follow-up']);
    const disposed = await gateway
      .http()
      .put(`/api/v1/contacts/${contact.id}/disposition`)
      .set(auth)
      .send({ dispositionId: sale.id })
      .expect(200);
    expect(disposed.body.disposition).toEqual(sale);
    const cleared = await gateway
      .http()
      .put(`/api/v1/contacts/${contact.id}/disposition`)
      .set(auth)
      .send({ dispositionId: null })
      .expect(200);
    expect(cleared.body.disposition).toBeNull();

    await gateway.http().delete(`/api/v1/tags/${follow.id}`).set(auth).expect(204);
    const after = (await gateway.http().get(`/api/v1/contacts/${contact.id}`).set(auth).expect(200)).body as ContactView;
    expect(after.tags.map((tag) => tag.name)).toEqual(['Very Important']);
  });

  it('F32/F19: saves DND choices with their history and the assignment', async () => {
    const contact = (
      await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Quiet', phone: '+14155550188' }).expect(201)
    ).body as ContactView;
    const dnd = await gateway.http().patch(`/api/v1/contacts/${contact.id}/dnd`).set(auth).send({ sms: true, calls: true }).expect(200);
    expect(dnd.body.dnd).toEqual({ all: false, email: false, sms: true, calls: true, inboundCallsAndSms: false });
    expect(dnd.body.dndHistory).toEqual([expect.objectContaining({ source: 'user', by: 'u-ana', changes: { sms: true, calls: true } })]);
    // Only users change DND here: the opt-out source is messaging's, never a client's.
    const spoofed = await gateway
      .http()
      .patch(`/api/v1/contacts/${contact.id}/dnd`)
      .set(auth)
      .send({ sms: false, source: 'inbound-keyword' })
      .expect(422);
    expect(spoofed.body.error.fields).toEqual({ source: ['source is not a known field'] });

    const assigned = await gateway.http().put(`/api/v1/contacts/${contact.id}/assignment`).set(auth).send({ type: 'company' }).expect(200);
    expect(assigned.body.assignment).toEqual({ type: 'company', userId: null });
    const unknownMember = await gateway
      .http()
      .put(`/api/v1/contacts/${contact.id}/assignment`)
      .set(auth)
      .send({ type: 'user', userId: 'u-nobody' })
      .expect(422);
    expect(unknownMember.body.error.fields).toEqual({ userId: [expect.stringContaining('not a team member')] });
    const missingUser = await gateway.http().put(`/api/v1/contacts/${contact.id}/assignment`).set(auth).send({ type: 'user' }).expect(422);
    expect(missingUser.body.error.fields.userId).toEqual(expect.arrayContaining(['userId is required when type is user']));
  });

  it('F29: adds, lists (newest first, paged), edits and deletes notes', async () => {
    const contact = (await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Noted' }).expect(201)).body as ContactView;
    const notes = `/api/v1/contacts/${contact.id}/notes`;
    const first = (
      await gateway
        .http()
        .post(notes)
        .set(auth)
        .send({ body: 'x'.repeat(300) })
        .expect(201)
    ).body as NoteView;
    const second = (await gateway.http().post(notes).set(auth).send({ body: 'Second note' }).expect(201)).body as NoteView;
    expect(first).toMatchObject({ contactId: contact.id, authorId: 'u-ana' });

    const page = (await gateway.http().get(notes).query({ limit: 1 }).set(auth).expect(200)).body as Page<NoteView>;
    expect(page.items.map((note) => note.id)).toEqual([second.id]);
    const next = (await gateway.http().get(notes).query({ limit: 1, cursor: page.nextCursor }).set(auth).expect(200))
      .body as Page<NoteView>;
    expect(next.items.map((note) => note.id)).toEqual([first.id]);

    const edited = await gateway.http().patch(`${notes}/${first.id}`).set(auth).send({ body: 'Edited' }).expect(200);
    expect(edited.body).toMatchObject({ id: first.id, body: 'Edited', preview: 'Edited' });
    await gateway.http().delete(`${notes}/${second.id}`).set(auth).expect(204);
    expect((await gateway.http().get(notes).set(auth).expect(200)).body.items.map((note: NoteView) => note.id)).toEqual([first.id]);
    await gateway.http().patch(`${notes}/${second.id}`).set(auth).send({ body: 'again' }).expect(404);
  });

  it('lists team members and answers /me with 404 for a user who is not a member', async () => {
    expect((await gateway.http().get('/api/v1/team-members').set(auth).expect(200)).body).toEqual([]);
    const me = await gateway.http().get('/api/v1/me').set(auth).expect(404);
    expect(me.body.error.code).toBe('TEAM_MEMBER_NOT_FOUND');
  });
});
