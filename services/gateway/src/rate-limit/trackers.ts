import type { GatewayRequest } from '../http/gateway-request';

/** Whose budget a request spends: the signed-in user's (the client IP's before sign-in) — the everyday limit. */
export function userTracker(request: GatewayRequest): string {
  return request.caller
    ? `user:${request.caller.tenantId}:${request.caller.userId}`
    : `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}

/** The tenant's ceiling, far above one user's: it stops abuse, never a team at work. */
export function tenantTracker(request: GatewayRequest): string {
  return `tenant:${request.caller?.tenantId ?? ''}`;
}

export function scopeOfTracker(tracker: string): 'user' | 'ip' | 'tenant' {
  return tracker.startsWith('tenant:') ? 'tenant' : tracker.startsWith('ip:') ? 'ip' : 'user';
}
