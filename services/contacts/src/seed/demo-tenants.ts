// Plain data only (no mongoose, no faker): the local identity provider (tools/identity) builds its demo
// users from these members too, without loading the seed's dependencies.

/** Demo tenants of `npm start`: stable ids so seeding twice changes nothing. */
export const DEMO_TENANTS = [
  {
    id: 'acme',
    name: 'Acme Dental',
    members: [
      {
        _id: 'u-ana',
        name: 'Ana Ruiz',
        email: 'ana@acme.test',
        phone: '+14155550111',
        timeZone: 'America/Los_Angeles',
        role: 'admin' as const,
      },
      {
        _id: 'u-ben',
        name: 'Ben Carter',
        email: 'ben@acme.test',
        phone: '+14155550112',
        timeZone: 'America/New_York',
        role: 'agent' as const,
      },
      { _id: 'u-chloe', name: 'Chloé Martin', email: 'chloe@acme.test', phone: null, timeZone: 'Europe/Paris', role: 'agent' as const },
    ],
    tags: ['VIP', 'Follow-up', 'New patient', 'Insurance pending', 'Newsletter'],
    dispositions: ['Not Interested', 'Callback', 'Sale', 'Voicemail left', 'Wrong number'],
    contacts: 300,
  },
  {
    id: 'globex',
    name: 'Globex Realty',
    members: [
      {
        _id: 'u-dmitri',
        name: 'Dmitri Volkov',
        email: 'dmitri@globex.test',
        phone: '+12125550121',
        timeZone: 'America/New_York',
        role: 'admin' as const,
      },
      { _id: 'u-eva', name: 'Eva Lindqvist', email: 'eva@globex.test', phone: null, timeZone: 'Europe/Stockholm', role: 'agent' as const },
      // Ana works for both accounts (admin of Acme, agent here): she switches tenant in the shell.
      {
        _id: 'u-ana',
        name: 'Ana Ruiz',
        email: 'ana@acme.test',
        phone: '+14155550111',
        timeZone: 'America/Los_Angeles',
        role: 'agent' as const,
      },
    ],
    tags: ['Buyer', 'Seller', 'Hot lead', 'Cold lead'],
    dispositions: ['Not Interested', 'Callback', 'Showing booked', 'Closed'],
    contacts: 200,
  },
];

export type DemoTenant = (typeof DEMO_TENANTS)[number];
