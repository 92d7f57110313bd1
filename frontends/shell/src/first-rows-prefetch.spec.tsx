/**
 * @jest-environment jsdom
 */
import { queryKeys } from '@conversations/ui';
import type { QueryClient } from '@tanstack/react-query';
import { fakeFetch } from '@conversations/ui/testing';
import type { PanelProps } from '@conversations/panel-bus';
import { render, waitFor } from '@testing-library/react';
import { App } from './App';
import type { RuntimeConfig } from './runtime-config';
import { saveSession } from './session';

// The remotes stand in as nothing but a record of the props (and so the query cache) the shell hands them.
const handed: PanelProps[] = [];
jest.mock('./RemotePanel', () => ({
  RemotePanel: ({ props }: { props: PanelProps }) => {
    handed.push(props);
    return null;
  },
}));

const config: RuntimeConfig = {
  apiBaseUrl: 'http://api.test',
  remotes: { inbox: 'http://i.test', conversation: 'http://c.test', contact_details: 'http://d.test' },
  devSignIn: true,
};
const page = { items: [{ id: 'c1', fullName: 'Ana Lopez' }], nextCursor: null };

beforeAll(() => {
  window.matchMedia = () => ({ matches: true, addEventListener: () => undefined, removeEventListener: () => undefined }) as never;
});

it('asks for the first page of contacts as it signs in, into the cache the inbox reads, before any remote runs', async () => {
  const fake = fakeFetch({ 'GET /contacts': { body: page } });
  globalThis.fetch = fake.fetch;
  saveSession({
    kind: 'dev',
    token: 'token-ana',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    tenantId: 'acme',
    user: { id: 'u-ana', name: 'Ana', email: 'ana@acme.test', phone: null, timeZone: 'UTC', role: 'agent' },
  });
  history.replaceState(null, '', '/conversations/c9');

  render(<App config={config} />);

  await waitFor(() => expect(fake.calls.filter((call) => call.path === '/contacts')).toHaveLength(1));
  expect(fake.calls[0].query).toMatchObject({ limit: '50', pinned: 'c9' });
  const cache = handed[0].queryClient as QueryClient;
  await waitFor(() =>
    expect(cache.getQueryData(queryKeys.contactList.search({ q: '', pinned: 'c9' }))).toEqual({ pages: [page], pageParams: [null] }),
  );
});
