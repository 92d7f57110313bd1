import { z } from 'zod';
import { carrierApiUrl, carrierConfigShape } from './carrier-config';

describe('carrier configuration', () => {
  it('calls Plivo itself in production, whatever the simulator URL', () => {
    expect(carrierApiUrl({ CARRIER: 'plivo', SIMULATOR_URL: 'http://127.0.0.1:4010', PLIVO_AUTH_ID: 'MA123' })).toBe(
      'https://api.plivo.com/v1/Account/MA123',
    );
  });

  it('calls the simulator on the same API path, without a doubled slash', () => {
    expect(carrierApiUrl({ CARRIER: 'simulator', SIMULATOR_URL: 'http://127.0.0.1:4010/', PLIVO_AUTH_ID: 'MASIMULATOR' })).toBe(
      'http://127.0.0.1:4010/v1/Account/MASIMULATOR',
    );
  });

  it('defaults to the local simulator and refuses a lower-case country', () => {
    const schema = z.object(carrierConfigShape);
    expect(schema.parse({})).toMatchObject({ CARRIER: 'simulator', DEFAULT_PHONE_COUNTRY: 'US' });
    expect(schema.safeParse({ DEFAULT_PHONE_COUNTRY: 'us' }).success).toBe(false);
  });
});
