import type { ContactView } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

/** Client mistakes answer 4xx with `{ error }` naming what is wrong, and change nothing that is stored. */
describe('gateway: bad requests', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let auth: { Authorization: string };
  let existing: ContactView;

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });
  beforeEach(async () => {
    auth = await gateway.as(uniqueId('tenant'));
    existing = (
      await gateway
        .http()
        .post('/api/v1/contacts')
        .set(auth)
        .send({ firstName: 'Keep', lastName: 'Me', phone: '+14155550100', email: 'keep@example.com' })
        .expect(201)
    ).body;
  });

  /** The tenant still holds exactly the contact created in beforeEach, unchanged. */
  async function expectNothingChanged(): Promise<void> {
    const list = await gateway.http().get('/api/v1/contacts').set(auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([existing.id]);
    const current = await gateway.http().get(`/api/v1/contacts/${existing.id}`).set(auth).expect(200);
    expect(current.body).toEqual(existing);
  }

  it('F26: malformed JSON answers 400 MALFORMED_REQUEST saying the body is not JSON', async () => {
    const response = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .set('content-type', 'application/json')
      .send('{"firstName": "Ana",')
      .expect(400);
    expect(response.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.stringContaining('not valid JSON') } });
    await gateway
      .http()
      .patch(`/api/v1/contacts/${existing.id}`)
      .set(auth)
      .set('content-type', 'application/json')
      .send("{'company': 'x'}")
      .expect(400);
    await expectNothingChanged();
  });

  it('F26: an unknown field answers 422 naming the field', async () => {
    const response = await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Ana', nickname: 'A' }).expect(422);
    expect(response.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields: { nickname: ['nickname is not a known field'] } },
    });
    const nested = await gateway
      .http()
      .patch(`/api/v1/contacts/${existing.id}`)
      .set(auth)
      .send({ address: { city: 'Oakland', planet: 'Earth' } })
      .expect(422);
    expect(nested.body.error.fields).toEqual({ 'address.planet': ['planet is not a known field'] });
    await expectNothingChanged();
  });

  it('F26: a bad phone answers 422 with fields.phone, whether its shape or its number is wrong', async () => {
    const shape = await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Ana', phone: 'call me maybe' }).expect(422);
    expect(shape.body.error.fields).toEqual({ phone: [expect.stringContaining('phone must be a phone number')] });
    // Passes the shape check; the contacts service finds it is not a real number.
    const number = await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Ana', phone: '999' }).expect(422);
    expect(number.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { phone: [expect.any(String)] } });
    await gateway.http().patch(`/api/v1/contacts/${existing.id}`).set(auth).send({ phone: '12' }).expect(422);
    await expectNothingChanged();
  });

  it('F26: a bad email answers 422 with fields.email', async () => {
    const created = await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Ana', email: 'not-an-email' }).expect(422);
    expect(created.body.error.fields).toEqual({ email: ['email must be an email address, e.g. ana@example.com'] });
    const updated = await gateway
      .http()
      .patch(`/api/v1/contacts/${existing.id}`)
      .set(auth)
      .send({ email: 'ana@', company: 'Acme' })
      .expect(422);
    expect(Object.keys(updated.body.error.fields)).toEqual(['email']);
    await expectNothingChanged();
  });

  it('a body over 100kb answers 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .send({ firstName: 'Big', company: 'x'.repeat(150_000) })
      .expect(413);
    expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('100kb') } });
    await gateway
      .http()
      .post(`/api/v1/contacts/${existing.id}/notes`)
      .set(auth)
      .send({ body: 'n'.repeat(200_000) })
      .expect(413);
    await expectNothingChanged();
  });

  it('a body that is not a JSON object answers 422, never 500', async () => {
    const array = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .send([{ firstName: 'Ana' }])
      .expect(422);
    expect(array.body.error.fields).toEqual({ body: [expect.stringContaining('JSON object')] });
    await gateway.http().post('/api/v1/contacts').set(auth).set('content-type', 'text/plain').send('firstName=Ana').expect(422);
    await gateway.http().post('/api/v1/contacts').set(auth).set('content-type', 'application/json').send('"just a string"').expect(400);
    await gateway.http().post('/api/v1/contacts').set(auth).set('content-type', 'application/json').send('null').expect(400);
    await gateway.http().put(`/api/v1/contacts/${existing.id}/tags`).set(auth).send({ tagIds: 'not-a-list' }).expect(422);
    await gateway.http().put(`/api/v1/contacts/${existing.id}/disposition`).set(auth).send({}).expect(422);
    await expectNothingChanged();
  });

  it('F4: bad query parameters answer 422 naming the parameter', async () => {
    const zero = await gateway.http().get('/api/v1/contacts').query({ limit: 0 }).set(auth).expect(422);
    expect(Object.keys(zero.body.error.fields)).toEqual(['limit']);
    await gateway.http().get('/api/v1/contacts').query({ limit: 'ten' }).set(auth).expect(422);
    const unknown = await gateway.http().get('/api/v1/contacts').query({ sort: 'name' }).set(auth).expect(422);
    expect(unknown.body.error.fields).toEqual({ sort: ['sort is not a known field'] });
    const cursor = await gateway.http().get('/api/v1/contacts').query({ cursor: 'made-up' }).set(auth).expect(422);
    expect(cursor.body.error.fields).toEqual({ cursor: [expect.stringContaining('start again')] });
    await gateway.http().get('/api/v1/contacts').query({ pinned: 'nope' }).set(auth).expect(422);
  });

  it('an id that cannot exist answers 404 like one that does not, and touches nothing', async () => {
    const response = await gateway.http().get('/api/v1/contacts/not-an-id').set(auth).expect(404);
    expect(response.body).toEqual({ error: { code: 'CONTACT_NOT_FOUND', message: 'Contact not found' } });
    await gateway.http().patch('/api/v1/contacts/123').set(auth).send({ company: 'x' }).expect(404);
    await gateway
      .http()
      .delete(`/api/v1/contacts/${existing.id}/notes/zzz`)
      .set(auth)
      .expect(404, { error: { code: 'NOTE_NOT_FOUND', message: 'Note not found' } });
    await gateway.http().patch('/api/v1/tags/abc').set(auth).send({ name: 'x' }).expect(404);
    await gateway.http().delete('/api/v1/dispositions/abc').set(auth).expect(404);
    await gateway.http().get('/api/v1/contacts/0123456789abcdef01234567').set(auth).expect(404);
    await expectNothingChanged();
  });

  it('an unknown route answers 404 NOT_FOUND in the error format', async () => {
    const response = await gateway.http().get('/api/v1/nothing-here').set(auth).expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'There is no route GET /api/v1/nothing-here' } });
    await gateway.http().post('/api/v1/contacts/find-or-create/extra').set(auth).send({}).expect(404);
  });

  it('a conflict answers 409 naming the contact that holds the phone', async () => {
    const response = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .send({ firstName: 'Twin', phone: '(415) 555-0100' })
      .expect(409);
    expect(response.body.error).toMatchObject({
      code: 'CONTACT_PHONE_EXISTS',
      details: { contactId: existing.id },
      fields: { phone: [expect.any(String)] },
    });
    await expectNothingChanged();
  });

  it('a request id is echoed back: the client’s when usable, a new one otherwise', async () => {
    const mine = await gateway.http().get('/api/v1/contacts').set(auth).set('x-request-id', 'trace-42').expect(200);
    expect(mine.headers['x-request-id']).toBe('trace-42');
    const unusable = await gateway.http().get('/api/v1/contacts').set(auth).set('x-request-id', 'bad id\twith spaces').expect(200);
    expect(unusable.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await gateway.http().post('/api/v1/contacts').set(auth).set('content-type', 'application/json').send('{').expect(400);
    expect(failed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a contacts service that does not answer is 503 SERVICE_UNAVAILABLE, not a hang or a 500', async () => {
    const orphan = await GatewayUnderTest.start({ natsUrl: backend.natsUrl, namespace: uniqueId('nobody') }, { RPC_TIMEOUT_MS: 300 });
    try {
      const response = await orphan
        .http()
        .get('/api/v1/contacts')
        .set(await orphan.as(uniqueId('tenant')))
        .expect(503);
      expect(response.body).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('contacts service'), details: { service: 'contacts' } },
      });
    } finally {
      await orphan.stop();
    }
  });
});
