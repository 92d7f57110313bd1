import { addressPolicyFor, refusalOf, urlProblemOf } from './address-policy';

const production = addressPolicyFor('production');
const development = addressPolicyFor('development');

describe('webhook address policy (SSRF)', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local (or cloud metadata)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['fd00::1', 'unique-local IPv6'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped IPv6'],
    ['::ffff:169.254.169.254', 'IPv4-mapped IPv6'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
  ])('refuses %s (%s) in every mode', (address, kind) => {
    expect(refusalOf(address, development)).toContain(kind);
    expect(refusalOf(address, production)).toContain(kind);
  });

  it('refuses loopback in production only', () => {
    expect(refusalOf('127.0.0.1', production)).toContain('loopback');
    expect(refusalOf('::1', production)).toContain('loopback');
    expect(refusalOf('127.0.0.1', development)).toBeNull();
  });

  it('allows public unicast addresses', () => {
    expect(refusalOf('93.184.216.34', production)).toBeNull();
    expect(refusalOf('2606:4700::6810:84e5', production)).toBeNull();
  });

  it('checks a URL before any lookup: https only (http to loopback in development), no credentials, no internal literal', () => {
    expect(urlProblemOf('https://crm.example.com/hooks', production)).toBeNull();
    expect(urlProblemOf('http://crm.example.com/hooks', production)).toContain('https');
    expect(urlProblemOf('http://crm.example.com/hooks', development)).toContain('https');
    expect(urlProblemOf('http://127.0.0.1:8080/hooks', development)).toBeNull();
    expect(urlProblemOf('http://localhost:8080/hooks', development)).toBeNull();
    expect(urlProblemOf('http://127.0.0.1:8080/hooks', production)).toContain('https');
    expect(urlProblemOf('https://127.0.0.1/hooks', production)).toContain('loopback');
    expect(urlProblemOf('https://localhost/hooks', production)).toContain('this machine');
    expect(urlProblemOf('https://169.254.169.254/latest/meta-data', development)).toContain('link-local');
    expect(urlProblemOf('https://[::ffff:10.0.0.1]/', development)).toContain('IPv4-mapped');
    expect(urlProblemOf('https://user:pass@crm.example.com/', production)).toContain('user name or password');
    expect(urlProblemOf('ftp://crm.example.com/', production)).toContain('https');
  });
});
