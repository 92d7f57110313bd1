import { ConfigError } from '@conversations/service-kit';
import { devSignInEnabled, loadGatewayConfig, mediaLinkSecretOf } from './config';

describe('gateway configuration', () => {
  const secret = 's'.repeat(32);

  it('has local defaults', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret })).toMatchObject({
      GATEWAY_PORT: 3000,
      HTTP_HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_NAMESPACE: '',
      RATE_LIMIT_PER_MINUTE: 600,
      RPC_TIMEOUT_MS: 5000,
      NODE_ENV: 'development',
    });
  });

  it('requires a JWT secret of at least 32 characters unless a JWKS URL is set', () => {
    expect(() => loadGatewayConfig({})).toThrow(/JWT_SECRET: required/);
    expect(() => loadGatewayConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    const jwks = 'https://crm.example/.well-known/jwks.json';
    expect(loadGatewayConfig({ JWT_JWKS_URL: jwks, MEDIA_LINK_SECRET: secret }).JWT_SECRET).toBeUndefined();
  });

  it('needs a key for recording playback links: MEDIA_LINK_SECRET, or else JWT_SECRET', () => {
    expect(() => loadGatewayConfig({ JWT_JWKS_URL: 'https://crm.example/.well-known/jwks.json' })).toThrow(
      /MEDIA_LINK_SECRET: required when JWT_SECRET is not set/,
    );
    expect(mediaLinkSecretOf(loadGatewayConfig({ JWT_SECRET: secret }))).toBe(secret);
  });

  it('accepts an OpenID Connect issuer instead of a secret, and never local sign-in in production', () => {
    const oidc = loadGatewayConfig({ OIDC_ISSUER: 'https://login.example.com/', MEDIA_LINK_SECRET: secret });
    expect(devSignInEnabled(oidc)).toBe(false);
    expect(() =>
      loadGatewayConfig({ OIDC_ISSUER: 'https://a.example', JWT_JWKS_URL: 'https://b.example/jwks', MEDIA_LINK_SECRET: secret }),
    ).toThrow(/JWT_JWKS_URL: set OIDC_ISSUER or JWT_JWKS_URL, not both/);
    expect(devSignInEnabled(loadGatewayConfig({ JWT_SECRET: secret }))).toBe(true);
    expect(devSignInEnabled(loadGatewayConfig({ JWT_SECRET: secret, DEV_SIGN_IN: 'false' }))).toBe(false);
    expect(devSignInEnabled(loadGatewayConfig({ JWT_SECRET: secret, NODE_ENV: 'production' }))).toBe(false);
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, NODE_ENV: 'production', DEV_SIGN_IN: 'true' })).toThrow(
      /DEV_SIGN_IN: local sign-in .* cannot be enabled in production/,
    );
  });

  it('names every bad variable in one error', () => {
    try {
      loadGatewayConfig({ JWT_SECRET: secret, GATEWAY_PORT: 'eighty', RATE_LIMIT_PER_MINUTE: '0', NATS_URL: 'http://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/GATEWAY_PORT[\s\S]*NATS_URL|NATS_URL[\s\S]*GATEWAY_PORT/);
      expect((error as Error).message).toContain('RATE_LIMIT_PER_MINUTE');
    }
  });
});
