/**
 * @jest-environment jsdom
 */
import { fakeFetch } from '@conversations/ui/testing';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../App';
import type { RuntimeConfig } from '../runtime-config';
import { saveSession } from '../session';

// The panels are remotes: stand-ins here; the shell's top bar and routing are real.
jest.mock('../RemotePanel', () => ({ RemotePanel: ({ label }: { label: string }) => <p>{label} panel</p> }));

const config: RuntimeConfig = {
  apiBaseUrl: 'http://api.test',
  remotes: { inbox: 'http://i.test', conversation: 'http://c.test', contact_details: 'http://d.test' },
  devSignIn: true,
};

beforeAll(() => {
  window.matchMedia = () => ({ matches: true, addEventListener: () => undefined, removeEventListener: () => undefined }) as never;
});

beforeEach(() => {
  globalThis.fetch = fakeFetch({
    'GET /contacts': { body: { items: [], nextCursor: null } },
    'GET /webhook-endpoints': { body: { items: [], nextCursor: null } },
  }).fetch;
});

function signInAs(role: 'admin' | 'agent') {
  saveSession({
    kind: 'dev',
    token: `token-${role}`,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    tenantId: 'acme',
    user: { id: `u-${role}`, name: role, email: `${role}@acme.test`, phone: null, timeZone: 'UTC', role },
  });
}

it('F33: an admin opens Settings from the top bar (/settings/webhooks), and Back to inbox and the browser’s Back return to the panels', async () => {
  signInAs('admin');
  history.replaceState(null, '', '/conversations');
  render(<App config={config} />);

  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  expect(location.pathname).toBe('/settings/webhooks');
  await screen.findByRole('heading', { name: /^Settings\s+Webhooks$/, level: 1 });
  await screen.findByText('No endpoints yet');
  // The panels stay mounted (so the inbox comes back as it was) but out of sight and of the accessibility tree.
  expect(screen.queryByRole('region', { name: 'inbox' })).toBeNull();
  expect(screen.getByText('inbox panel', { ignore: false })).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Back to inbox' }));
  expect(location.pathname).toBe('/conversations');
  expect(screen.getByRole('region', { name: 'inbox' })).toBeTruthy();
  expect(screen.queryByRole('heading', { name: /^Settings\s+Webhooks$/ })).toBeNull();

  // Back (the history entry of the settings page) opens it again, Forward closes it.
  act(() => {
    history.pushState(null, '', '/settings/webhooks');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await screen.findByRole('heading', { name: /^Settings\s+Webhooks$/, level: 1 });
  act(() => {
    history.pushState(null, '', '/conversations');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  expect(screen.queryByRole('heading', { name: /^Settings\s+Webhooks$/ })).toBeNull();
});

it('F33: an agent has no Settings button, and /settings/webhooks opened directly says only admins manage webhooks', async () => {
  signInAs('agent');
  history.replaceState(null, '', '/settings/webhooks');
  render(<App config={config} />);
  await screen.findByText('Only admins can manage webhooks');
  expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
});
