import type { CallView, ContactView } from '@conversations/contracts';

/** A call as the API returns it, for component tests: a completed outgoing call unless `facts` say otherwise. */
export const callFixture = (id: string, facts: Partial<CallView> = {}): CallView => ({
  id,
  contactId: 'c1',
  contact: { fullName: 'Ana Ruiz', phone: '+14155550100' },
  direction: 'outbound',
  from: '+14155550999',
  to: '+14155550100',
  status: 'completed',
  answered: true,
  durationSeconds: 75,
  recording: null,
  userId: 'u-ana',
  outcomeReason: null,
  rejected: false,
  providerCallId: null,
  startedAt: '2026-06-10T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  updatedAt: '2026-06-10T10:01:15.000Z',
  ...facts,
});

/** A contact as the API returns it, for component tests: Ana Ruiz with a phone, no DND, unassigned. */
export const contactFixture = (facts: Partial<ContactView> = {}): ContactView => ({
  id: 'c1',
  firstName: 'Ana',
  lastName: 'Ruiz',
  fullName: 'Ana Ruiz',
  phone: '+14155550100',
  email: null,
  company: null,
  address: null,
  timeZone: null,
  dateOfBirth: null,
  source: null,
  customFields: {},
  tags: [],
  disposition: null,
  dnd: { all: false, email: false, sms: false, calls: false, inboundCallsAndSms: false },
  dndHistory: [],
  assignment: { type: 'unassigned', userId: null },
  createdAt: '2026-06-01T09:00:00.000Z',
  updatedAt: '2026-06-01T09:00:00.000Z',
  ...facts,
});
