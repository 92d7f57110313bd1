/**
 * @jest-environment jsdom
 */
import type { WebhookDeliveryView, WebhookEndpointView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeFetch, type FakeRequest } from '@conversations/ui/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SettingsPage } from './SettingsPage';

const EVENT_TYPES = [
  'evt.contacts.created',
  'evt.contacts.tags-changed',
  'evt.appointments.created',
  'evt.messaging.message-created',
  'evt.calls.created',
  'evt.webhooks.endpoint-disabled',
];

const endpointFixture = (id: string, facts: Partial<WebhookEndpointView> = {}): WebhookEndpointView => ({
  id,
  url: `https://crm.example.com/hooks/${id}`,
  eventTypes: null,
  enabled: true,
  description: null,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  consecutiveFailures: 0,
  previousSecretExpiresAt: null,
  createdAt: '2026-06-10T10:00:00.000Z',
  updatedAt: '2026-06-10T10:00:00.000Z',
  ...facts,
});

const deliveryFixture = (id: string, facts: Partial<WebhookDeliveryView> = {}): WebhookDeliveryView => ({
  id,
  endpointId: 'e1',
  eventId: `event-${id}`,
  eventType: 'evt.contacts.created',
  origin: 'event',
  status: 'delivered',
  attemptCount: 1,
  nextAttemptAt: null,
  deliveredAt: '2026-06-10T10:00:01.000Z',
  attempts: [
    {
      at: '2026-06-10T10:00:00.500Z',
      durationMs: 42,
      statusCode: 200,
      error: null,
      responseBody: '{"ok":true}',
      url: 'https://crm.example.com/hooks/e1',
    },
  ],
  occurredAt: '2026-06-10T10:00:00.000Z',
  createdAt: '2026-06-10T10:00:00.100Z',
  ...facts,
});

beforeAll(() => {
  // jsdom has no modal dialogs: open and close as the browser would, with its `close` event.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

function renderSettings(routes: Parameters<typeof fakeFetch>[0], options: { path?: string; role?: 'admin' | 'agent' } = {}) {
  const fake = fakeFetch({ 'GET /webhook-event-types': { body: EVENT_TYPES }, ...routes });
  globalThis.fetch = fake.fetch;
  history.replaceState(null, '', options.path ?? '/settings/webhooks');
  const onBack = jest.fn();
  render(
    <SettingsPage
      props={{ apiBaseUrl: 'http://api.test', token: 'token-ana', layout: 'wide', queryClient: createPanelQueryClient() }}
      role={options.role ?? 'admin'}
      onBack={onBack}
    />,
  );
  return { ...fake, onBack };
}

const callsTo = (calls: FakeRequest[], method: string, path: string) =>
  calls.filter((call) => call.method === method && call.path === path);

it('F33: the endpoint list shows each URL, description, state, event types and the notice of an endpoint the service disabled', async () => {
  renderSettings({
    'GET /webhook-endpoints': {
      body: {
        items: [
          endpointFixture('e1', { description: 'Our CRM', eventTypes: ['evt.contacts.created', 'evt.calls.created'] }),
          endpointFixture('e2', {
            enabled: false,
            disabledReason: 'Disabled automatically: every delivery failed for 24 h (12 attempts in a row)',
            disabledAt: '2026-06-11T10:00:00.000Z',
          }),
          endpointFixture('e3', { failingSince: '2026-06-11T09:00:00.000Z', consecutiveFailures: 3 }),
        ],
        nextCursor: null,
      },
    },
  });

  const rows = await screen.findAllByTestId('webhook-endpoint');
  expect(rows).toHaveLength(3);
  expect(within(rows[0]).getByRole('link', { name: 'https://crm.example.com/hooks/e1' }).getAttribute('href')).toBe(
    '/settings/webhooks/e1',
  );
  expect(rows[0].textContent).toContain('Our CRM');
  expect(rows[0].textContent).toContain('Enabled');
  expect(rows[0].textContent).toContain('2 event types');
  expect(rows[1].textContent).toContain('Disabled');
  expect(rows[1].textContent).toContain('All event types');
  expect(within(rows[1]).getByTestId('endpoint-health').textContent).toContain(
    'Disabled automatically: every delivery failed for 24 h (12 attempts in a row)',
  );
  expect(within(rows[2]).getByTestId('endpoint-health').textContent).toContain('3 failed attempts in a row');
  expect(within(rows[0]).queryByTestId('endpoint-health')).toBeNull();
});

it('F33: "Add endpoint" shows the server’s 422 beside the URL, sends the chosen event types, and shows the secret once', async () => {
  let created: WebhookEndpointView | null = null;
  const { calls } = renderSettings({
    'GET /webhook-endpoints': () => ({ body: { items: created ? [created] : [], nextCursor: null } }),
    'POST /webhook-endpoints': ({ body }) => {
      const input = body as { url: string; eventTypes: string[] | null; description: string | null };
      if (!input.url.startsWith('https://'))
        return {
          status: 422,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Some fields need attention.',
              fields: { url: ['url must be an https URL (http only to a loopback address in development)'] },
            },
          },
        };
      created = endpointFixture('e9', { url: input.url, eventTypes: input.eventTypes, description: input.description });
      return { status: 201, body: { endpoint: created, secret: 'whsec_c2VjcmV0LW9mLXRoZS10ZXN0' } };
    },
  });
  await screen.findByText('No endpoints yet');

  fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
  const url = screen.getByRole('textbox', { name: 'URL' });
  expect(document.activeElement).toBe(url);
  fireEvent.change(url, { target: { value: 'http://crm.example.com/hooks' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Description (optional)' }), { target: { value: 'Our CRM' } });
  // Only two types, from the grouped checklist.
  fireEvent.click(screen.getByRole('radio', { name: 'Only the types I choose' }));
  const contacts = await screen.findByRole('group', { name: 'Contacts' });
  expect(screen.getAllByRole('group').map((group) => group.querySelector('legend')?.textContent)).toEqual([
    'Event types',
    'Contacts',
    'Messaging',
    'Calls',
    'Appointments',
    'Webhooks',
  ]);
  fireEvent.click(within(contacts).getByRole('checkbox', { name: 'tags changed' }));
  fireEvent.click(within(screen.getByRole('group', { name: 'Calls' })).getByRole('checkbox', { name: 'created' }));
  fireEvent.click(within(screen.getByRole('form', { name: 'Add endpoint' })).getByRole('button', { name: 'Add endpoint' }));

  // The server's message, beside the field; nothing was created.
  await screen.findByText('url must be an https URL (http only to a loopback address in development)');
  expect(url.getAttribute('aria-invalid')).toBe('true');
  expect(screen.queryByTestId('secret-once')).toBeNull();

  fireEvent.change(url, { target: { value: 'https://crm.example.com/hooks' } });
  fireEvent.click(within(screen.getByRole('form', { name: 'Add endpoint' })).getByRole('button', { name: 'Add endpoint' }));
  const secret = await screen.findByTestId('secret-once');
  expect(callsTo(calls, 'POST', '/webhook-endpoints').at(-1)?.body).toEqual({
    url: 'https://crm.example.com/hooks',
    description: 'Our CRM',
    eventTypes: ['evt.contacts.tags-changed', 'evt.calls.created'],
  });
  expect((within(secret).getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value).toBe(
    'whsec_c2VjcmV0LW9mLXRoZS10ZXN0',
  );
  expect(document.activeElement).toBe(within(secret).getByRole('textbox', { name: 'Signing secret' }));
  expect(secret.textContent).toContain('Copy it now: you will not see it again.');
  const row = await screen.findByTestId('webhook-endpoint');
  expect(row.textContent).toContain('2 event types');

  // Once: after "I have copied it" the secret is nowhere on the page.
  fireEvent.click(within(secret).getByRole('button', { name: 'I have copied it' }));
  expect(screen.queryByTestId('secret-once')).toBeNull();
  expect(document.body.innerHTML).not.toContain('whsec_c2VjcmV0LW9mLXRoZS10ZXN0');
});

it('F33: the delivery log pages by cursor, shows event, status code, attempts and next attempt; Resend, Send test event and the detail', async () => {
  const newest = deliveryFixture('d1', { origin: 'test', eventType: 'webhook.test' });
  const retrying = deliveryFixture('d2', {
    status: 'pending',
    attemptCount: 2,
    deliveredAt: null,
    nextAttemptAt: '2026-06-10T10:05:00.000Z',
    attempts: [
      {
        at: '2026-06-10T10:00:00.500Z',
        durationMs: 30,
        statusCode: 503,
        error: 'the receiver answered 503',
        responseBody: 'down',
        url: 'https://crm.example.com/hooks/e1',
      },
      {
        at: '2026-06-10T10:00:10.500Z',
        durationMs: 10_000,
        statusCode: null,
        error: 'timed out after 10000 ms',
        responseBody: null,
        url: 'https://crm.example.com/hooks/e1',
      },
    ],
  });
  const older = deliveryFixture('d3', { eventType: 'evt.calls.created' });
  const { calls } = renderSettings(
    {
      'GET /webhook-endpoints/e1': { body: endpointFixture('e1') },
      'GET /webhook-endpoints/e1/deliveries': ({ query }) =>
        query.cursor === 'page-2'
          ? { body: { items: [older], nextCursor: null } }
          : { body: { items: [newest, retrying], nextCursor: 'page-2' } },
      'GET /webhook-endpoints/e1/deliveries/d2': { body: retrying },
      'POST /webhook-endpoints/e1/deliveries/d2/resend': { status: 202, body: { ...retrying, attemptCount: 0, attempts: [] } },
      'POST /webhook-endpoints/e1/test': {
        status: 202,
        body: deliveryFixture('d4', { status: 'pending', attemptCount: 0, attempts: [], eventType: 'webhook.test' }),
      },
    },
    { path: '/settings/webhooks/e1' },
  );

  const log = await screen.findByTestId('delivery-log');
  const rows = await within(log).findAllByTestId('delivery-row');
  expect(rows).toHaveLength(2);
  expect(rows[0].textContent).toContain('webhook.test');
  expect(rows[0].textContent).toContain('Delivered · 200');
  expect(rows[1].textContent).toContain('Retrying · timed out after 10000 ms');
  expect(within(rows[1]).getAllByRole('cell')[3].textContent).toContain('2');
  expect(within(rows[1]).getByText((_, element) => element?.getAttribute('datetime') === '2026-06-10T10:05:00.000Z')).toBeTruthy();
  expect(calls.find((call) => call.path === '/webhook-endpoints/e1/deliveries')?.query).toMatchObject({ limit: '25' });

  // The next page, by its cursor.
  fireEvent.click(within(log).getByRole('button', { name: 'Show older deliveries' }));
  await waitFor(() => expect(within(log).getAllByTestId('delivery-row')).toHaveLength(3));
  expect(calls.some((call) => call.path === '/webhook-endpoints/e1/deliveries' && call.query.cursor === 'page-2')).toBe(true);
  expect(within(log).queryByRole('button', { name: 'Show older deliveries' })).toBeNull();

  // Resend one delivery.
  fireEvent.click(within(rows[1]).getByRole('button', { name: /^Resend/ }));
  await within(log).findByText('Sent again: the delivery is pending with a fresh retry schedule.');
  expect(callsTo(calls, 'POST', '/webhook-endpoints/e1/deliveries/d2/resend')).toHaveLength(1);

  // Its detail: the request as sent (Standard Webhooks headers) and each answer.
  fireEvent.click(within(rows[1]).getByRole('button', { name: /^Details/ }));
  const dialog = await screen.findByTestId('delivery-dialog');
  await within(dialog).findAllByTestId('delivery-attempt');
  expect(dialog.hasAttribute('open')).toBe(true);
  const attempts = within(dialog).getAllByTestId('delivery-attempt');
  expect(attempts[0].textContent).toContain('timed out after 10000 ms');
  expect(attempts[1].textContent).toContain('HTTP 503');
  expect(within(attempts[1]).getByLabelText('Request headers').textContent).toContain('webhook-id: event-d2');
  expect(within(attempts[1]).getByLabelText('Request headers').textContent).toContain(
    `webhook-timestamp: ${Date.parse('2026-06-10T10:00:00.500Z') / 1000 - 0.5}`,
  );
  expect(within(attempts[1]).getByLabelText('Response body').textContent).toContain('down');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(screen.queryByTestId('delivery-dialog')).toBeNull());

  // Send test event: the log is asked again and shows it.
  const before = callsTo(calls, 'GET', '/webhook-endpoints/e1/deliveries').length;
  fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
  await screen.findByText('Test event sent. Its delivery is at the top of the log below.');
  expect(callsTo(calls, 'POST', '/webhook-endpoints/e1/test')).toHaveLength(1);
  await waitFor(() => expect(callsTo(calls, 'GET', '/webhook-endpoints/e1/deliveries').length).toBeGreaterThan(before));
});

it('F33: rotating the secret shows the new one once and says how long the previous one still signs; delete asks first', async () => {
  const overlapUntil = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const { calls, onBack } = renderSettings(
    {
      'GET /webhook-endpoints/e1': { body: endpointFixture('e1') },
      'GET /webhook-endpoints/e1/deliveries': { body: { items: [], nextCursor: null } },
      'GET /webhook-endpoints': { body: { items: [], nextCursor: null } },
      'POST /webhook-endpoints/e1/rotate-secret': {
        body: { endpoint: endpointFixture('e1', { previousSecretExpiresAt: overlapUntil }), secret: 'whsec_bmV3LXNlY3JldA==' },
      },
      'DELETE /webhook-endpoints/e1': { status: 204 },
    },
    { path: '/settings/webhooks/e1' },
  );
  await screen.findByText('No deliveries yet');

  fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
  const rotate = screen.getByTestId('rotate-dialog');
  expect(rotate.textContent).toContain('each delivery carries two signatures');
  fireEvent.change(within(rotate).getByRole('combobox', { name: 'Overlap' }), { target: { value: '60' } });
  fireEvent.click(within(rotate).getByRole('button', { name: 'Rotate secret' }));
  const secret = await screen.findByTestId('secret-once');
  expect(callsTo(calls, 'POST', '/webhook-endpoints/e1/rotate-secret')[0].body).toEqual({ overlapMinutes: 60 });
  expect((within(secret).getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value).toBe('whsec_bmV3LXNlY3JldA==');
  expect(secret.textContent).toContain('signed with both the previous and the new secret');
  expect(screen.queryByTestId('rotate-dialog')).toBeNull();
  fireEvent.click(within(secret).getByRole('button', { name: 'I have copied it' }));
  expect(document.body.innerHTML).not.toContain('whsec_bmV3LXNlY3JldA==');

  // Delete: a confirmation first, Cancel focused; nothing sent until "Delete endpoint".
  fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
  const confirm = screen.getByTestId('delete-dialog');
  expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
  expect(callsTo(calls, 'DELETE', '/webhook-endpoints/e1')).toHaveLength(0);
  fireEvent.click(within(confirm).getByRole('button', { name: 'Delete endpoint' }));
  await waitFor(() => expect(callsTo(calls, 'DELETE', '/webhook-endpoints/e1')).toHaveLength(1));
  await waitFor(() => expect(location.pathname).toBe('/settings/webhooks'));
  await screen.findByText('No endpoints yet');
  expect(onBack).not.toHaveBeenCalled();
});

it('F33: the enable switch changes the endpoint at once; enabling a disabled one clears its notice', async () => {
  const disabled = endpointFixture('e1', {
    enabled: false,
    disabledReason: 'Disabled automatically: every delivery failed for 24 h (12 attempts in a row)',
  });
  const { calls } = renderSettings(
    {
      'GET /webhook-endpoints/e1': { body: disabled },
      'GET /webhook-endpoints/e1/deliveries': { body: { items: [], nextCursor: null } },
      'PATCH /webhook-endpoints/e1': { body: endpointFixture('e1') },
    },
    { path: '/settings/webhooks/e1' },
  );
  const toggle = await screen.findByRole('switch', { name: 'Enabled' });
  expect((toggle as HTMLInputElement).checked).toBe(false);
  expect(screen.getByTestId('endpoint-health').textContent).toContain('Disabled automatically');
  fireEvent.click(toggle);
  await screen.findByText('Endpoint enabled.');
  expect(callsTo(calls, 'PATCH', '/webhook-endpoints/e1')[0].body).toEqual({ enabled: true });
  expect((screen.getByRole('switch', { name: 'Enabled' }) as HTMLInputElement).checked).toBe(true);
  expect(screen.queryByTestId('endpoint-health')).toBeNull();
});

it('F33: an agent who opens /settings/webhooks is told only admins manage webhooks, and nothing is asked of the API', async () => {
  const { calls } = renderSettings({}, { role: 'agent' });
  expect(screen.getByText('Only admins can manage webhooks')).toBeTruthy();
  await act(() => Promise.resolve());
  expect(calls.filter((call) => call.path.startsWith('/webhook-endpoints'))).toHaveLength(0);
});

it('F33: a 403 from the API (a role changed meanwhile) reads the same', async () => {
  renderSettings({ 'GET /webhook-endpoints': { status: 403, body: { error: { code: 'FORBIDDEN', message: 'Admins only.' } } } });
  await screen.findByText('Only admins can manage webhooks');
});
