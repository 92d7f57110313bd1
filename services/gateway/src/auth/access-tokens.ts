import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, SignJWT } from 'jose';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import type { Caller } from '../http/gateway-request';
import { DiscoveryError, discoverJwks } from './oidc-discovery';
import { callerOf, type ClaimNames } from './token-claims';

/** Asymmetric algorithms accepted from an identity provider's JWKS (never `none`, never HS* with a public key). */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const DEV_TOKEN_LIFETIME_SECONDS = 12 * 3600;

const unauthenticated = (message: string) => new DomainError(ErrorCodes.UNAUTHENTICATED, message);

/**
 * Verifies access tokens — HS256 with JWT_SECRET (ours), or keys of an identity provider (OIDC_ISSUER's
 * discovered JWKS, or JWT_JWKS_URL) — maps their claims to the caller and says precisely why one is
 * refused. Issues HS256 tokens for local sign-in.
 */
@Injectable()
export class AccessTokens {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly claims: ClaimNames;
  private readonly issuer?: string;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    if (config.JWT_SECRET) this.secret = new TextEncoder().encode(config.JWT_SECRET);
    if (config.OIDC_ISSUER) this.jwks = discoverJwks(config.OIDC_ISSUER);
    else if (config.JWT_JWKS_URL)
      this.jwks = createRemoteJWKSet(new URL(config.JWT_JWKS_URL), { timeoutDuration: 3_000, cooldownDuration: 30_000 });
    this.issuer = config.OIDC_ISSUER ?? config.JWT_ISSUER;
    this.claims = {
      user: config.AUTH_USER_CLAIM,
      tenant: config.AUTH_TENANT_CLAIM,
      roles: config.AUTH_ROLES_CLAIM,
      tenants: config.AUTH_TENANTS_CLAIM,
      adminRoles: new Set(config.AUTH_ADMIN_ROLES.split(',').map((role) => role.trim())),
    };
  }

  /** The caller of a token, acting in `requestedTenant` (X-Tenant-Id) or the token's only tenant. */
  async verify(token: string, requestedTenant?: string): Promise<Caller> {
    return callerOf(await this.verifiedPayload(token), this.claims, requestedTenant);
  }

  /** Local sign-in only (see DevTokenController): HS256 needs the secret. */
  async issue(caller: Caller): Promise<{ token: string; expiresAt: string }> {
    if (!this.secret) throw new DomainError(ErrorCodes.NOT_FOUND, 'Tokens are issued by the identity provider here');
    const expiresAt = Math.floor(Date.now() / 1000) + DEV_TOKEN_LIFETIME_SECONDS;
    let builder = new SignJWT({ [this.claims.tenant]: caller.tenantId, [this.claims.roles]: [caller.role] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.userId)
      .setIssuedAt()
      .setExpirationTime(expiresAt);
    if (this.issuer) builder = builder.setIssuer(this.issuer);
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
    const options = {
      requiredClaims: ['exp'],
      clockTolerance: this.config.AUTH_CLOCK_SKEW_SECONDS,
      ...(this.issuer ? { issuer: this.issuer } : {}),
      ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
    };
    try {
      if (algorithm === 'HS256' && this.secret) {
        return (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      }
      if (algorithm && JWKS_ALGORITHMS.includes(algorithm) && this.jwks) {
        return (await jwtVerify(token, this.jwks, { ...options, algorithms: JWKS_ALGORITHMS })).payload;
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
    if (error.claim === 'nbf') return unauthenticated('The access token is not valid yet (`nbf` is in the future)');
    return unauthenticated(
      `The access token’s \`${error.claim}\` claim is not acceptable: ${error.reason === 'missing' ? 'it is missing' : error.message}`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return unauthenticated('The access token is signed with an algorithm this API does not accept');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated('The access token is signed with a key this API does not know');
  }
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID') ||
    error instanceof DiscoveryError
  ) {
    return new DomainError(
      ErrorCodes.SERVICE_UNAVAILABLE,
      'The signing keys of the identity provider could not be fetched; try again shortly',
    );
  }
  if (error instanceof errors.JOSEError) return unauthenticated('The access token is malformed');
  return new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The access token could not be verified right now; try again shortly');
}
