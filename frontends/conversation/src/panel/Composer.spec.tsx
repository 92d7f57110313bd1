/**
 * @jest-environment jsdom
 */
import type { ContactView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeFetch, contactFixture } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';

const contact = (dnd: Partial<ContactView['dnd']> = {}): ContactView => contactFixture({ dnd: { ...contactFixture().dnd, ...dnd } });

function renderConversation(routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch({
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC' } },
    'GET /team-members': { body: [{ id: 'u-ben', name: 'Ben Carter' }] },
    'GET /contacts/c1/messages': { body: { items: [], nextCursor: null } },
    'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: null, to: '+14155550100' } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  render(<ConversationPanel apiBaseUrl="http://api.test" token="t" contactId="c1" queryClient={createPanelQueryClient()} />);
  return fake;
}

describe('Composer (component)', () => {
  it('F21: Send without a From number shows the guide’s message and sends nothing', async () => {
    const fake = renderConversation({ 'GET /contacts/c1': { body: contact() } });
    await screen.findByText('Ana Ruiz');
    await screen.findByText(/No From number chosen yet/);
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Select a From number in SMS Setting');
    expect(fake.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('F22: Do Not Contact for text warns and disables Send', async () => {
    renderConversation({ 'GET /contacts/c1': { body: contact({ sms: true }) } });
    await screen.findByText(/Do Not Contact set for text messages/);
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('F23, F37: a send the server refuses keeps the text and says why', async () => {
    const fake = renderConversation({
      'GET /contacts/c1': { body: contact() },
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': {
        status: 422,
        body: { error: { code: 'MESSAGE_TOO_LONG', message: 'The message is longer than 10 SMS segments.' } },
      },
    });
    await screen.findByText(/From \(415\) 555-0999/);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Hi {{contact.first_name}}' } });
    expect(screen.getByText(/Hi Ana/)).toBeTruthy(); // F24 preview
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Not sent: The message is longer than 10 SMS segments.');
    expect(box.value).toBe('Hi {{contact.first_name}}');
    await waitFor(() =>
      expect(fake.calls.some((call) => call.method === 'POST' && (call.body as { from: string }).from === '+14155550999')).toBe(true),
    );
  });
});
