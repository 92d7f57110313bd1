import { validateV3Signature } from 'plivo';
import { signV3 } from './plivo-signature';

describe('V3 webhook signature (signed the way Plivo signs, checked with the official SDK)', () => {
  const token = 'simulator-auth-token-123';
  const params = { From: '14155550100', To: '14155550199', Text: 'Hi & bye = ok? ünïcode 👋', Type: 'sms', MessageUUID: 'b7c5-1' };

  it.each([
    'http://127.0.0.1:3000/api/v1/webhooks/plivo/inbound',
    'http://127.0.0.1:3000/api/v1/webhooks/plivo/message-status?ref=65f0a1b2c3d4e5f6a7b8c9d0.1',
    'https://example.com/api/v1/webhooks/plivo/message-status?b=2&a=1',
    'https://example.com:8443/hooks',
  ])('the SDK accepts what the simulator signs for %s', (url) => {
    const { signature, nonce } = signV3(token, url, params);
    expect(validateV3Signature('POST', url, nonce, token, signature, params)).toBe(true);
  });

  it('the SDK refuses a wrong token, a changed parameter or another URL', () => {
    const url = 'http://127.0.0.1:3000/api/v1/webhooks/plivo/inbound';
    const { signature, nonce } = signV3(token, url, params);
    expect(validateV3Signature('POST', url, nonce, 'another-token-entirely', signature, params)).toBe(false);
    expect(validateV3Signature('POST', url, nonce, token, signature, { ...params, Text: 'changed' })).toBe(false);
    expect(validateV3Signature('POST', `${url}?x=1`, nonce, token, signature, params)).toBe(false);
  });
});
