import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import type { JWTPayload } from 'jose';
import type { Caller, Role } from '../http/gateway-request';

/**
 * A tenant id becomes a NATS subject token (`evt.*.*.<tenantId>`), so it must never contain `.`, `*`,
 * `>` or whitespace: a token claiming tenant `*` would otherwise read every tenant's events.
 */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,100}$/;

/** The header naming which of a token's tenants a request acts in (required when the token has several). */
export const TENANT_HEADER = 'x-tenant-id';

/** Which claims of a verified token say who the caller is (the AUTH_*_CLAIM settings). */
export interface ClaimNames {
  user: string;
  tenant: string;
  roles: string;
  tenants: string;
  /** Role values that mean admin; any other member of a tenant is an agent. */
  adminRoles: ReadonlySet<string>;
}

interface Membership {
  tenantId: string;
  role: Role;
}

const unauthenticated = (message: string) => new DomainError(ErrorCodes.UNAUTHENTICATED, message);

/**
 * The caller a verified token names, in the tenant the request asks for. A token holds either one tenant
 * (`tid` + `roles`, what most providers and embedding hosts issue) or a list of them (`tenants`, a user of
 * several accounts); with several, the request names one in `X-Tenant-Id`. Asking for a tenant the token
 * does not hold is a 403: the token is fine, the access is not.
 */
export function callerOf(payload: JWTPayload, names: ClaimNames, requestedTenant: string | undefined): Caller {
  const userId = payload[names.user];
  if (typeof userId !== 'string' || !userId) throw unauthenticated(`The access token has no \`${names.user}\` claim (the user id)`);
  if (!USER_ID_PATTERN.test(userId)) throw unauthenticated(`The access token’s \`${names.user}\` claim is not a valid user id`);
  const memberships = membershipsOf(payload, names);
  if (requestedTenant !== undefined) {
    const membership = memberships.find((each) => each.tenantId === requestedTenant);
    if (!membership) {
      if (!TENANT_ID_PATTERN.test(requestedTenant))
        throw DomainError.validation({ [TENANT_HEADER]: ['X-Tenant-Id must be 1–64 letters, digits, _ or -'] });
      throw new DomainError(ErrorCodes.FORBIDDEN, `You are not a member of the account “${requestedTenant}”`);
    }
    return { tenantId: membership.tenantId, userId, role: membership.role };
  }
  if (memberships.length > 1) {
    throw DomainError.validation(
      { [TENANT_HEADER]: [`this token is for ${memberships.length} accounts: name one in X-Tenant-Id`] },
      'Choose the account this request acts in',
    );
  }
  return { tenantId: memberships[0].tenantId, userId, role: memberships[0].role };
}

function membershipsOf(payload: JWTPayload, names: ClaimNames): Membership[] {
  const listed = payload[names.tenants];
  const memberships: Membership[] = [];
  if (listed !== undefined) {
    const entries: [unknown, unknown][] = Array.isArray(listed)
      ? listed.map((entry) => [(entry as { id?: unknown })?.id, (entry as { roles?: unknown })?.roles])
      : typeof listed === 'object' && listed !== null
        ? Object.entries(listed)
        : [];
    for (const [tenantId, roles] of entries)
      memberships.push({ tenantId: checkedTenant(tenantId, names.tenants), role: roleOf(roles, names) });
    if (memberships.length === 0) throw unauthenticated(`The access token’s \`${names.tenants}\` claim lists no account`);
    return memberships;
  }
  const tenantId = payload[names.tenant];
  if (typeof tenantId !== 'string' || !tenantId) {
    throw unauthenticated(`The access token has no \`${names.tenant}\` claim (the tenant id) nor a \`${names.tenants}\` list`);
  }
  return [{ tenantId: checkedTenant(tenantId, names.tenant), role: roleOf(payload[names.roles], names) }];
}

function checkedTenant(value: unknown, claim: string): string {
  if (typeof value !== 'string' || !TENANT_ID_PATTERN.test(value))
    throw unauthenticated(`The access token’s \`${claim}\` claim must name tenants of 1–64 letters, digits, _ or -`);
  return value;
}

/** Roles come as an array or a space-separated string (OAuth's `scope` style); none at all means agent. */
function roleOf(value: unknown, names: ClaimNames): Role {
  const roles = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return roles.some((role) => typeof role === 'string' && names.adminRoles.has(role)) ? 'admin' : 'agent';
}
