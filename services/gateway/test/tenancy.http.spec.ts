import type { ContactView, NoteView, TagView } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

/** F36: a user never sees or changes another tenant's data; to them it does not exist (404). */
describe('gateway: F36 tenant isolation', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let tenantA: { Authorization: string };
  let tenantB: { Authorization: string };
  let contact: ContactView;
  let note: NoteView;
  let tag: TagView;
  let disposition: { id: string; name: string };

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend);
    tenantA = await gateway.as(uniqueId('tenant-a'));
    tenantB = await gateway.as(uniqueId('tenant-b'));
    tag = (await gateway.http().post('/api/v1/tags').set(tenantA).send({ name: 'VIP' }).expect(201)).body;
    disposition = (await gateway.http().post('/api/v1/dispositions').set(tenantA).send({ name: 'Sale' }).expect(201)).body;
    const created = (
      await gateway
        .http()
        .post('/api/v1/contacts')
        .set(tenantA)
        .send({ firstName: 'Private', lastName: 'Person', phone: '+14155550177' })
        .expect(201)
    ).body as ContactView;
    contact = (
      await gateway
        .http()
        .put(`/api/v1/contacts/${created.id}/tags`)
        .set(tenantA)
        .send({ tagIds: [tag.id] })
        .expect(200)
    ).body;
    note = (await gateway.http().post(`/api/v1/contacts/${contact.id}/notes`).set(tenantA).send({ body: 'secret' }).expect(201)).body;
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  async function expectTenantAUnchanged(): Promise<void> {
    expect((await gateway.http().get(`/api/v1/contacts/${contact.id}`).set(tenantA).expect(200)).body).toEqual(contact);
    expect((await gateway.http().get(`/api/v1/contacts/${contact.id}/notes`).set(tenantA).expect(200)).body.items).toEqual([note]);
    expect((await gateway.http().get('/api/v1/tags').set(tenantA).expect(200)).body).toEqual([tag]);
    expect((await gateway.http().get('/api/v1/dispositions').set(tenantA).expect(200)).body).toEqual([disposition]);
  }

  it('F36: tenant B can neither read nor find tenant A’s contact', async () => {
    const read = await gateway.http().get(`/api/v1/contacts/${contact.id}`).set(tenantB).expect(404);
    expect(read.body.error.code).toBe('CONTACT_NOT_FOUND');
    for (const q of ['Private', '4155550177', '+14155550177']) {
      expect((await gateway.http().get('/api/v1/contacts').query({ q }).set(tenantB).expect(200)).body.items).toEqual([]);
    }
    expect((await gateway.http().get('/api/v1/contacts').set(tenantB).expect(200)).body.items).toEqual([]);
    // Pinning someone else's contact does not reveal it either.
    expect((await gateway.http().get('/api/v1/contacts').query({ pinned: contact.id }).set(tenantB).expect(200)).body.items).toEqual([]);
    // The same phone is free in tenant B: phones are unique per tenant only.
    await gateway.http().post('/api/v1/contacts/find-or-create').set(tenantB).send({ phone: '+14155550177' }).expect(201);
  });

  it('F36: tenant B’s updates and deletes of tenant A’s contact answer 404 and change nothing', async () => {
    await gateway.http().patch(`/api/v1/contacts/${contact.id}`).set(tenantB).send({ firstName: 'Hacked' }).expect(404);
    await gateway.http().delete(`/api/v1/contacts/${contact.id}`).set(tenantB).expect(404);
    await gateway.http().put(`/api/v1/contacts/${contact.id}/tags`).set(tenantB).send({ tagIds: [] }).expect(404);
    await gateway.http().put(`/api/v1/contacts/${contact.id}/disposition`).set(tenantB).send({ dispositionId: null }).expect(404);
    await gateway.http().patch(`/api/v1/contacts/${contact.id}/dnd`).set(tenantB).send({ all: true }).expect(404);
    await gateway.http().put(`/api/v1/contacts/${contact.id}/assignment`).set(tenantB).send({ type: 'company' }).expect(404);
    await expectTenantAUnchanged();
  });

  it('F36: tenant B cannot list, add, edit or delete tenant A’s notes', async () => {
    const notes = `/api/v1/contacts/${contact.id}/notes`;
    await gateway.http().get(notes).set(tenantB).expect(404);
    await gateway.http().post(notes).set(tenantB).send({ body: 'planted' }).expect(404);
    await gateway.http().patch(`${notes}/${note.id}`).set(tenantB).send({ body: 'changed' }).expect(404);
    await gateway.http().delete(`${notes}/${note.id}`).set(tenantB).expect(404);
    // Nor through a contact of its own.
    const own = (await gateway.http().post('/api/v1/contacts').set(tenantB).send({ firstName: 'Own' }).expect(201)).body as ContactView;
    await gateway.http().patch(`/api/v1/contacts/${own.id}/notes/${note.id}`).set(tenantB).send({ body: 'changed' }).expect(404);
    await gateway.http().delete(`/api/v1/contacts/${own.id}/notes/${note.id}`).set(tenantB).expect(404);
    await expectTenantAUnchanged();
  });

  it('F36: tenant B sees none of tenant A’s tags and dispositions and cannot use or change them', async () => {
    expect((await gateway.http().get('/api/v1/tags').set(tenantB).expect(200)).body).toEqual([]);
    expect((await gateway.http().get('/api/v1/dispositions').set(tenantB).expect(200)).body).toEqual([]);
    await gateway.http().patch(`/api/v1/tags/${tag.id}`).set(tenantB).send({ name: 'Renamed' }).expect(404);
    await gateway.http().delete(`/api/v1/tags/${tag.id}`).set(tenantB).expect(404);
    await gateway.http().patch(`/api/v1/dispositions/${disposition.id}`).set(tenantB).send({ name: 'Renamed' }).expect(404);
    await gateway.http().delete(`/api/v1/dispositions/${disposition.id}`).set(tenantB).expect(404);
    const own = (await gateway.http().post('/api/v1/contacts').set(tenantB).send({ firstName: 'Tagless' }).expect(201)).body as ContactView;
    const borrowed = await gateway
      .http()
      .put(`/api/v1/contacts/${own.id}/tags`)
      .set(tenantB)
      .send({ tagIds: [tag.id] })
      .expect(422);
    expect(borrowed.body.error.fields.tagIds).toEqual([expect.stringContaining(tag.id)]);
    await gateway.http().put(`/api/v1/contacts/${own.id}/disposition`).set(tenantB).send({ dispositionId: disposition.id }).expect(422);
    // Names are per tenant: B may have its own "VIP".
    await gateway.http().post('/api/v1/tags').set(tenantB).send({ name: 'VIP' }).expect(201);
    await expectTenantAUnchanged();
  });
});
