import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a playback link works: long enough to listen to a call, short enough that a leaked link expires. */
export const MEDIA_LINK_TTL_MS = 15 * 60_000;

export interface MediaGrant {
  tenantId: string;
  callId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Short-lived signed links to a call's recording, for an `<audio>` element (which cannot send an
 * Authorization header). The link names one call of one tenant and an expiry, signed with HMAC-SHA256;
 * the access token never appears in a URL.
 */
export class MediaLinks {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  issue(tenantId: string, callId: string): { token: string; expiresAt: number } {
    const expiresAt = this.now() + MEDIA_LINK_TTL_MS;
    const payload = Buffer.from(JSON.stringify([tenantId, callId, expiresAt])).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  verify(token: string): MediaGrant {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.matches(payload, signature)) throw invalid();
    let grant: unknown;
    try {
      grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(grant) || grant.length !== 3) throw invalid();
    const [tenantId, callId, expiresAt] = grant as [unknown, unknown, unknown];
    if (typeof tenantId !== 'string' || typeof callId !== 'string' || typeof expiresAt !== 'number') throw invalid();
    if (expiresAt < this.now()) throw new DomainError(ErrorCodes.FORBIDDEN, 'This playback link has expired; open the recording again');
    return { tenantId, callId, expiresAt };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`media-link\n${payload}`).digest('base64url');
  }

  private matches(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function invalid(): DomainError {
  return new DomainError(ErrorCodes.FORBIDDEN, 'This playback link is not valid');
}
