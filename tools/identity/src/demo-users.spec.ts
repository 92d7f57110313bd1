import { DEMO_PASSWORD, demoUsers } from './demo-users';

describe('demoUsers', () => {
  it('makes one user per seeded team member, with a membership per tenant (Ana: admin of Acme, agent of Globex)', () => {
    const users = demoUsers();
    expect(users.map((user) => user.email)).toEqual([
      'ana@acme.test',
      'ben@acme.test',
      'chloe@acme.test',
      'dmitri@globex.test',
      'eva@globex.test',
    ]);
    expect(users.every((user) => user.password === DEMO_PASSWORD)).toBe(true);
    expect(users.find((user) => user.sub === 'u-ana')?.tenants).toEqual([
      { id: 'acme', name: 'Acme Dental', roles: ['admin'] },
      { id: 'globex', name: 'Globex Realty', roles: ['agent'] },
    ]);
    expect(users.find((user) => user.sub === 'u-ben')?.tenants).toEqual([{ id: 'acme', name: 'Acme Dental', roles: ['agent'] }]);
  });
});
