import ipaddr from 'ipaddr.js';

/**
 * Which network addresses a webhook may reach. Only public unicast addresses: private (10/8, 172.16/12,
 * 192.168/16), CGNAT (100.64/10), link-local (169.254/16, the cloud metadata 169.254.169.254 among them;
 * fe80::/10), unique-local v6 (fc00::/7), IPv4-mapped v6 (::ffff:0:0/96), NAT64/6to4/Teredo (which embed an
 * IPv4 address), multicast, reserved and unspecified are refused. Loopback is allowed only outside
 * production, so a developer can point an endpoint at a local receiver.
 */
export interface AddressPolicy {
  allowLoopback: boolean;
  /** http:// is accepted only for loopback addresses, and only when loopback is allowed. */
  allowHttpToLoopback: boolean;
}

export function addressPolicyFor(nodeEnv: 'development' | 'test' | 'production'): AddressPolicy {
  const local = nodeEnv !== 'production';
  return { allowLoopback: local, allowHttpToLoopback: local };
}

/** Why `address` may not be reached, or null when it may. */
export function refusalOf(address: string, policy: AddressPolicy): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (range === 'loopback' && policy.allowLoopback) return null;
  return `${address} is a ${RANGE_NAMES[range] ?? range} address, which webhooks may not reach`;
}

export function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).range() === 'loopback';
}

const RANGE_NAMES: Record<string, string> = {
  private: 'private',
  loopback: 'loopback',
  linkLocal: 'link-local (or cloud metadata)',
  carrierGradeNat: 'carrier-grade NAT',
  uniqueLocal: 'unique-local IPv6',
  ipv4Mapped: 'IPv4-mapped IPv6',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  rfc6052: 'NAT64',
  rfc6145: 'IPv4-translated IPv6',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/** `[::1]` → `::1`: URL hostnames keep IPv6 literals in brackets. */
export function unbracketed(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * What can be told about a URL without resolving it (at create/update): the scheme, no credentials in it,
 * and an IP literal's range. The full check (every resolved address) runs again at each delivery.
 */
export function urlProblemOf(raw: string, policy: AddressPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute https URL';
  }
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be an https URL';
  const host = unbracketed(url.hostname);
  const literal = ipaddr.isValid(host);
  if (url.protocol === 'http:') {
    const loopbackName = host === 'localhost' || (literal && isLoopback(host));
    if (!policy.allowHttpToLoopback || !loopbackName) return 'url must be an https URL (http only to a loopback address in development)';
  }
  if (literal) return refusalOf(host, policy) === null ? null : `url ${refusalOf(host, policy)}`;
  if (!policy.allowLoopback && (host === 'localhost' || host.endsWith('.localhost'))) return 'url must not name this machine';
  return null;
}
