import { testServiceConfig, uniqueId } from '@conversations/testing';
import { GatewayUnderTest } from './harness';

/**
 * The tag and disposition routes share one controller; each validates its bodies against its own
 * DTOs at the gateway. No contacts service answers in this namespace, so a body the gateway let
 * through would answer 503, not 422.
 */
describe('gateway: catalogue routes without a contacts service', () => {
  let gateway: GatewayUnderTest;
  let auth: { Authorization: string };

  beforeAll(async () => {
    const { NATS_URL, NATS_NAMESPACE } = testServiceConfig();
    gateway = await GatewayUnderTest.start({ natsUrl: NATS_URL, namespace: NATS_NAMESPACE }, { RPC_TIMEOUT_MS: 500 });
    auth = await gateway.as(uniqueId('tenant'));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('F28: a tag body is checked against CreateTagDto / UpdateTagDto before any service is asked', async () => {
    const created = await gateway.http().post('/api/v1/tags').set(auth).send({ name: 'VIP', color: 'red' }).expect(422);
    expect(created.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { color: ['color must be a hex colour such as #3366ff'] },
    });
    const renamed = await gateway
      .http()
      .patch(`/api/v1/tags/${'a'.repeat(24)}`)
      .set(auth)
      .send({ name: '' })
      .expect(422);
    expect(renamed.body.error.fields).toEqual({ name: ['name must not be empty'] });
    await gateway.http().post('/api/v1/tags').set(auth).send({ name: 'VIP' }).expect(503);
  });

  it('F27: a disposition body is checked against its DTOs (a colour is not a field of a disposition)', async () => {
    const created = await gateway.http().post('/api/v1/dispositions').set(auth).send({ name: 'Sale', color: '#3366ff' }).expect(422);
    expect(created.body.error.fields).toEqual({ color: ['color is not a known field'] });
    const renamed = await gateway
      .http()
      .patch(`/api/v1/dispositions/${'a'.repeat(24)}`)
      .set(auth)
      .send({})
      .expect(422);
    expect(renamed.body.error.fields).toMatchObject({ name: expect.any(Array) });
    await gateway.http().delete('/api/v1/dispositions/abc').set(auth).expect(404);
  });
});
