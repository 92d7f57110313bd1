import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, SignJWT } from 'jose';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import type { Caller } from '../http/gateway-request';

/**
 * A tenant id becomes a NATS subject token (`evt.*.*.<tenantId>`), so it must never contain `.`, `*`,
 * `>` or whitespace: a token claiming tenant `*` would otherwise read every tenant's events.
 */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,100}$/;

/** Asymmetric algorithms accepted from an embedding host's JWKS. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const DEV_TOKEN_LIFETIME_SECONDS = 12 * 3600;

const unauthenticated = (message: string) => new DomainError(ErrorCodes.UNAUTHENTICATED, message);

/**
 * Verifies access tokens — HS256 with JWT_SECRET (ours), or keys from JWT_JWKS_URL (an embedding host's)
 * — and says precisely why one is refused. Issues HS256 tokens for local sign-in.
 */
@Injectable()
export class AccessTokens {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    if (config.JWT_SECRET) this.secret = new TextEncoder().encode(config.JWT_SECRET);
    if (config.JWT_JWKS_URL)
      this.jwks = createRemoteJWKSet(new URL(config.JWT_JWKS_URL), { timeoutDuration: 3_000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Caller> {
    const payload = await this.verifiedPayload(token);
    if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('The access token has no `sub` claim (the user id)');
    if (!USER_ID_PATTERN.test(payload.sub)) throw unauthenticated('The access token’s `sub` claim is not a valid user id');
    const tenantId = payload.tid;
    if (typeof tenantId !== 'string' || !tenantId) throw unauthenticated('The access token has no `tid` claim (the tenant id)');
    if (!TENANT_ID_PATTERN.test(tenantId)) {
      throw unauthenticated('The access token’s `tid` claim must be 1–64 letters, digits, _ or -');
    }
    return { tenantId, userId: payload.sub };
  }

  /** Local sign-in only (see DevTokenController): HS256 needs the secret. */
  async issue(caller: Caller): Promise<{ token: string; expiresAt: string }> {
    if (!this.secret) throw new DomainError(ErrorCodes.NOT_FOUND, 'Tokens are issued by the embedding host here');
    const expiresAt = Math.floor(Date.now() / 1000) + DEV_TOKEN_LIFETIME_SECONDS;
    let builder = new SignJWT({ tid: caller.tenantId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.userId)
      .setIssuedAt()
      .setExpirationTime(expiresAt);
    if (this.config.JWT_ISSUER) builder = builder.setIssuer(this.config.JWT_ISSUER);
    if (this.config.JWT_AUDIENCE) builder = builder.setAudience(this.config.JWT_AUDIENCE);
    return { token: await builder.sign(this.secret), expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The access token is malformed (expected a JWT: header.payload.signature)');
    }
    const claims = {
      requiredClaims: ['exp'],
      ...(this.config.JWT_ISSUER ? { issuer: this.config.JWT_ISSUER } : {}),
      ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
    };
    try {
      if (algorithm === 'HS256' && this.secret) {
        return (await jwtVerify(token, this.secret, { ...claims, algorithms: ['HS256'] })).payload;
      }
      if (algorithm && algorithm !== 'HS256' && this.jwks) {
        return (await jwtVerify(token, this.jwks, { ...claims, algorithms: JWKS_ALGORITHMS })).payload;
      }
      throw unauthenticated(`The access token is signed with ${algorithm ?? 'no algorithm'}, which this API does not accept`);
    } catch (error) {
      throw explain(error);
    }
  }
}

function explain(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof errors.JWTExpired) return unauthenticated('The access token has expired; sign in again');
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('The access token’s signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(
      `The access token’s \`${error.claim}\` claim is not acceptable: ${error.reason === 'missing' ? 'it is missing' : error.message}`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return unauthenticated('The access token is signed with an algorithm this API does not accept');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated('The access token is signed with a key this API does not know');
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return new DomainError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      'The signing keys of the identity provider could not be fetched; try again shortly',
    );
  }
  if (error instanceof errors.JOSEError) return unauthenticated('The access token is malformed');
  return new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The access token could not be verified right now; try again shortly');
}
