import type { ContactListItem, ContactView, Page } from '@conversations/contracts';
import { eventually, uniqueId } from '@conversations/testing';
import { randomUUID } from 'node:crypto';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

/** #15 §6: a timeout or a retry never doubles an action. */
describe('gateway: Idempotency-Key on mutations', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;
  let auth: { Authorization: string };

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend, { RPC_TIMEOUT_MS: 1_000 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });
  beforeEach(async () => {
    auth = await gateway.as(uniqueId('tenant'), 'u-ana');
  });

  const create = (key: string, body: object, headers = auth) =>
    gateway.http().post('/api/v1/contacts').set(headers).set('Idempotency-Key', key).send(body);
  const contactsNamed = async (firstName: string, headers = auth) =>
    ((await gateway.http().get('/api/v1/contacts').query({ q: firstName }).set(headers).expect(200)).body as Page<ContactListItem>).items;

  it('a retry with the same key answers the first outcome and creates nothing more', async () => {
    const key = randomUUID();
    const first = await create(key, { firstName: 'Once' }).expect(201);
    const retry = await create(key, { firstName: 'Once' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await contactsNamed('Once')).toHaveLength(1);

    // Without a key, the same request is a second action.
    await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Once' }).expect(201);
    expect(await contactsNamed('Once')).toHaveLength(2);
  });

  it('a key is the caller’s own: another tenant or user with the same key runs its own request', async () => {
    const key = randomUUID();
    const mine = await create(key, { firstName: 'Mine' }).expect(201);
    const otherTenant = await gateway.as(uniqueId('tenant'), 'u-ana');
    const theirs = await create(key, { firstName: 'Mine' }, otherTenant).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('the same key for a different request is 422, and a bad key is pointed out', async () => {
    const key = randomUUID();
    await create(key, { firstName: 'First' }).expect(201);
    const reused = await create(key, { firstName: 'Second' }).expect(422);
    expect(reused.body.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      fields: { 'Idempotency-Key': [expect.stringContaining('different request')] },
    });
    expect(await contactsNamed('Second')).toHaveLength(0);

    const bad = await create('x'.repeat(256), { firstName: 'Bad' }).expect(422);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'Idempotency-Key': [expect.any(String)] } });
  });

  it('a refused request releases its key: the corrected retry with it runs', async () => {
    const key = randomUUID();
    await create(key, { firstName: 'Bad', email: 'not-an-email' }).expect(422);
    // The body differs from the refused one, and the key is free again.
    await create(key, { firstName: 'Good' }).expect(201);
    expect(await contactsNamed('Good')).toHaveLength(1);
  });

  it('a service slower than the gateway waits: 504 “not known yet”, the retry gets the outcome, and the contact exists once', async () => {
    const key = randomUUID();
    // The contacts service stops answering (its process is paused) while the request is on its way.
    backend.contacts.child.kill('SIGSTOP');
    let resumed = false;
    const resume = () => {
      if (!resumed) backend.contacts.child.kill('SIGCONT');
      resumed = true;
    };
    try {
      const timedOut = await create(key, { firstName: 'Slow' }).expect(504);
      expect(timedOut.body.error).toMatchObject({
        code: 'SERVICE_TIMEOUT',
        message: expect.stringContaining('same Idempotency-Key is safe'),
      });

      // A retry while the first is still waiting for the service: it waits too, then says so.
      const meanwhile = await create(key, { firstName: 'Slow' }).expect(409);
      expect(meanwhile.body.error.code).toBe('REQUEST_IN_PROGRESS');
      expect(meanwhile.headers['retry-after']).toBe('1');
      resume();

      // The service goes on and applies the first request; the retry answers with what it made.
      const retried = await eventually(
        () => create(key, { firstName: 'Slow' }),
        (response) => response.status !== 409,
        15_000,
        200,
      );
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      const contacts = await contactsNamed('Slow');
      expect(contacts.map((contact) => contact.id)).toEqual([(retried.body as ContactView).id]);
    } finally {
      resume();
    }
  });

  it('without a key, a timed-out change says its outcome is not known', async () => {
    backend.contacts.child.kill('SIGSTOP');
    try {
      const response = await gateway.http().post('/api/v1/contacts').set(auth).send({ firstName: 'Unkeyed' }).expect(504);
      expect(response.body.error).toMatchObject({
        code: 'SERVICE_TIMEOUT',
        message: expect.stringContaining('not known'),
        details: { service: 'contacts' },
      });
    } finally {
      backend.contacts.child.kill('SIGCONT');
    }
  });
});
