import { callerOf, type ClaimNames } from './token-claims';

describe('the caller a token names (claims → tenant, user, role)', () => {
  const names: ClaimNames = {
    user: 'sub',
    tenant: 'tid',
    roles: 'roles',
    tenants: 'tenants',
    adminRoles: new Set(['admin', 'Conv.Admin']),
  };
  const refusal = (payload: Record<string, unknown>, tenant?: string) => {
    try {
      callerOf(payload, names, tenant);
    } catch (error) {
      return error as { code: string; message: string; extra: { fields?: Record<string, string[]> } };
    }
    throw new Error('expected a refusal');
  };

  it('reads a single-tenant token: tid, and roles as an array or a space-separated string', () => {
    expect(callerOf({ sub: 'u-ana', tid: 'acme', roles: ['admin'] }, names, undefined)).toEqual({
      tenantId: 'acme',
      userId: 'u-ana',
      role: 'admin',
    });
    expect(callerOf({ sub: 'u-ana', tid: 'acme', roles: 'reader Conv.Admin' }, names, undefined).role).toBe('admin');
    expect(callerOf({ sub: 'u-ben', tid: 'acme', roles: ['Reader'] }, names, undefined).role).toBe('agent');
    // No roles at all: a member of the tenant, with the least the membership gives.
    expect(callerOf({ sub: 'u-ben', tid: 'acme' }, names, undefined).role).toBe('agent');
  });

  it('reads a list of tenants (array of { id, roles } or a map), and the request picks one', () => {
    const listed = {
      sub: 'u-ana',
      tenants: [
        { id: 'acme', name: 'Acme', roles: ['admin'] },
        { id: 'globex', roles: ['agent'] },
      ],
    };
    expect(callerOf(listed, names, 'acme')).toEqual({ tenantId: 'acme', userId: 'u-ana', role: 'admin' });
    expect(callerOf(listed, names, 'globex')).toEqual({ tenantId: 'globex', userId: 'u-ana', role: 'agent' });
    expect(callerOf({ sub: 'u-ana', tenants: { acme: ['admin'], globex: [] } }, names, 'globex').role).toBe('agent');
    // One tenant listed: no header needed.
    expect(callerOf({ sub: 'u-ana', tenants: [{ id: 'acme', roles: ['admin'] }] }, names, undefined).tenantId).toBe('acme');
  });

  it('asks which tenant when the token lists several, and refuses one the user is not a member of', () => {
    const listed = { sub: 'u-ana', tenants: { acme: ['admin'], globex: ['agent'] } };
    expect(refusal(listed)).toMatchObject({
      code: 'VALIDATION_FAILED',
      extra: { fields: { 'x-tenant-id': [expect.stringContaining('2 accounts')] } },
    });
    expect(refusal(listed, 'initech')).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('initech') });
    expect(refusal({ sub: 'u-ana', tid: 'acme' }, 'globex')).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(listed, 'a.*')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('never lets a tenant id that is not a plain NATS token through, from either claim', () => {
    expect(refusal({ sub: 'u-ana', tid: '*' })).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('`tid`') });
    expect(refusal({ sub: 'u-ana', tenants: { 'acme.>': ['admin'] } }, 'acme.>')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refusal({ sub: 'u-ana', tenants: [{ roles: ['admin'] }] })).toMatchObject({ message: expect.stringContaining('`tenants`') });
    expect(refusal({ sub: 'u-ana', tenants: [] })).toMatchObject({ message: expect.stringContaining('lists no account') });
    expect(refusal({ sub: 'u-ana' })).toMatchObject({ message: expect.stringContaining('no `tid` claim') });
  });

  it('takes the user id from the configured claim and checks it', () => {
    expect(callerOf({ oid: 'ana@acme.test', tid: 'acme' }, { ...names, user: 'oid' }, undefined).userId).toBe('ana@acme.test');
    expect(refusal({ tid: 'acme' })).toMatchObject({ message: expect.stringContaining('no `sub` claim') });
    expect(refusal({ sub: 'u ana', tid: 'acme' })).toMatchObject({ message: expect.stringContaining('not a valid user id') });
  });
});
