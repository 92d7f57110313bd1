import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

const TIMEOUT_MS = 3_000;

/** The identity provider's discovery document could not be fetched or does not describe it. */
export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
}

/**
 * The signing keys of an OpenID Connect issuer, found through its discovery document
 * (`<issuer>/.well-known/openid-configuration` → `jwks_uri`). Discovered on first use, not at start: the
 * gateway comes up while the provider is still starting, and a failed discovery is tried again on the next
 * token. The document must name the configured issuer exactly (OpenID Connect Discovery §4.3).
 */
export function discoverJwks(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    keys ??= jwksOf(issuer).catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return (await keys)(header, token);
  };
}

async function jwksOf(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new DiscoveryError(`${url} answered ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw error instanceof DiscoveryError ? error : new DiscoveryError(`${url}: ${(error as Error).message}`);
  }
  if (document.issuer !== issuer) throw new DiscoveryError(`${url} names the issuer ${String(document.issuer)}, not ${issuer}`);
  if (typeof document.jwks_uri !== 'string') throw new DiscoveryError(`${url} has no jwks_uri`);
  return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: TIMEOUT_MS, cooldownDuration: 30_000 });
}
