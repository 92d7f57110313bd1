/**
 * @jest-environment jsdom
 */
import type { ContactView, MessageView, SenderNumberView } from '@conversations/contracts';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeFetch, contactFixture, messageFixture } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConversationPanel from './ConversationPanel';

const contact = (dnd: Partial<ContactView['dnd']> = {}): ContactView => contactFixture({ dnd: { ...contactFixture().dnd, ...dnd } });
const ben = contactFixture({ id: 'c2', firstName: 'Ben', lastName: 'Ortiz', fullName: 'Ben Ortiz', phone: '+14155550111' });

const number = (id: string, digits: string, capabilities: Partial<SenderNumberView['capabilities']>): SenderNumberView => ({
  id,
  number: digits,
  label: '',
  capabilities: { sms: false, whatsapp: false, voice: false, ...capabilities },
});
/** The seeded account: three numbers that send SMS, one of which also sends WhatsApp. */
const NUMBERS = [
  number('n1', '+14155550999', { sms: true, voice: true }),
  number('n2', '+14155550101', { sms: true, whatsapp: true }),
  number('n3', '+16175550102', { sms: true, voice: true }),
];
const inbound = (to: string, channel: MessageView['channel'] = 'sms', createdAt = '2026-06-10T10:00:00.000Z'): MessageView =>
  messageFixture(`in-${to}-${createdAt}`, { channel, to, body: 'Hi, is my appointment still on?', createdAt, updatedAt: createdAt });

type Routes = Parameters<typeof fakeFetch>[0];
const baseRoutes = (routes: Routes): Routes => ({
  'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC' } },
  'GET /team-members': { body: [{ id: 'u-ben', name: 'Ben Carter' }] },
  'GET /contacts/c1': { body: contact() },
  'GET /contacts/c1/messages': { body: { items: [], nextCursor: null } },
  'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: null, to: '+14155550100' } },
  'GET /contacts/c2': { body: ben },
  'GET /contacts/c2/messages': { body: { items: [], nextCursor: null } },
  'GET /contacts/c2/sms-from': { body: { contactId: 'c2', from: '+14155550999', to: '+14155550111' } },
  ...routes,
});
const panel = (contactId: string, queryClient = createPanelQueryClient()) => (
  <ConversationPanel apiBaseUrl="http://api.test" token="t" contactId={contactId} queryClient={queryClient} />
);

function renderConversation(routes: Routes) {
  const fake = fakeFetch(baseRoutes(routes));
  globalThis.fetch = fake.fetch;
  let queryClient = createPanelQueryClient();
  let view = render(panel('c1', queryClient));
  return {
    fake,
    posts: () => fake.calls.filter((call) => call.method === 'POST').map((call) => call.body as Record<string, unknown>),
    switchTo: (contactId: string) => view.rerender(panel(contactId, queryClient)),
    /** A reload: the page and its query cache are new, the browser's storage is not. */
    reload: () => {
      view.unmount();
      queryClient = createPanelQueryClient();
      view = render(panel('c1', queryClient));
    },
  };
}

const messageBox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const fromSelect = () => screen.getByRole('combobox', { name: 'From' }) as HTMLSelectElement;
const accepted = ({ body }: { body: unknown }) => ({
  status: 201,
  body: { ...inbound('+14155550100'), ...(body as object), id: 'm1', direction: 'outbound', status: 'queued' },
});

beforeEach(() => localStorage.clear());

describe('Composer (component)', () => {
  it('F21: Send without a From number shows the guide’s message and sends nothing', async () => {
    const fake = renderConversation({});
    await screen.findByText('Ana Ruiz');
    await screen.findByText(/No From number chosen yet/);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Select a From number in SMS Setting');
    expect(fake.posts()).toEqual([]);
  });

  it('F22: Do Not Contact for text warns and disables Send', async () => {
    renderConversation({ 'GET /contacts/c1': { body: contact({ sms: true }) } });
    await screen.findByText(/Do Not Contact set for text messages/);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('F23, F37: a send the server refuses keeps the text and says why', async () => {
    const fake = renderConversation({
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': {
        status: 422,
        body: { error: { code: 'MESSAGE_TOO_LONG', message: 'The message is longer than 10 SMS segments.' } },
      },
    });
    await screen.findByText(/From \(415\) 555-0999/);
    fireEvent.change(messageBox(), { target: { value: 'Hi {{contact.first_name}}' } });
    expect(screen.getByText(/Hi Ana/)).toBeTruthy(); // F24 preview
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Not sent: The message is longer than 10 SMS segments.');
    expect(messageBox().value).toBe('Hi {{contact.first_name}}');
    await waitFor(() => expect(fake.posts().some((body) => body.from === '+14155550999')).toBe(true));
    // F37: a failed send keeps the draft too: a reload brings it back.
    fake.reload();
    await waitFor(() => expect(messageBox().value).toBe('Hi {{contact.first_name}}'));
  });
});

describe('F37: nothing typed is lost', () => {
  it('text and channel typed for a contact are there again after switching to another contact and back', async () => {
    const view = renderConversation({});
    await screen.findByText('Ana Ruiz');
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    fireEvent.change(messageBox(), { target: { value: 'Your crown is ready' } });
    view.switchTo('c2');
    await screen.findByText('Ben Ortiz');
    expect(messageBox().value).toBe('');
    expect(screen.getByRole('radio', { name: 'SMS' }).getAttribute('aria-checked')).toBe('true');
    view.switchTo('c1');
    await screen.findByText('Ana Ruiz');
    expect(messageBox().value).toBe('Your crown is ready');
    expect(screen.getByRole('radio', { name: 'WhatsApp' }).getAttribute('aria-checked')).toBe('true');
  });

  it('a reload brings back the text, the channel and the WhatsApp From chosen', async () => {
    const numbers = [...NUMBERS, number('n4', '+16175550199', { whatsapp: true })];
    const view = renderConversation({ 'GET /numbers': { body: numbers } });
    await screen.findByText('Ana Ruiz');
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    fireEvent.change(await screen.findByRole('combobox', { name: 'From' }), { target: { value: '+16175550199' } });
    fireEvent.change(messageBox(), { target: { value: 'See you at 3' } });
    view.reload();
    await screen.findByText('Ana Ruiz');
    expect(messageBox().value).toBe('See you at 3');
    expect(screen.getByRole('radio', { name: 'WhatsApp' }).getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(fromSelect().value).toBe('+16175550199'));
  });

  it('a message the server accepted leaves the box and the kept draft', async () => {
    const view = renderConversation({
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': accepted,
    });
    await screen.findByText(/From \(415\) 555-0999/);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    view.reload();
    await screen.findByText(/From \(415\) 555-0999/);
    expect(messageBox().value).toBe('Hello'); // kept until it is sent…
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(messageBox().value).toBe(''));
    view.reload();
    await screen.findByText(/From \(415\) 555-0999/);
    expect(messageBox().value).toBe(''); // …and not after
  });

  it('a message accepted after the user switched away is not offered again on coming back', async () => {
    let answer: () => void = () => {};
    const view = renderConversation({
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': accepted,
    });
    const answerNow = globalThis.fetch;
    // The send is answered only when the test says so, after the user has moved on.
    globalThis.fetch = ((...args: Parameters<typeof fetch>) =>
      args[1]?.method === 'POST'
        ? new Promise((resolve) => (answer = () => resolve(answerNow(...args))))
        : answerNow(...args)) as typeof fetch;
    await screen.findByText(/From \(415\) 555-0999/);
    fireEvent.change(messageBox(), { target: { value: 'On my way' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    view.switchTo('c2');
    await screen.findByText('Ben Ortiz');
    view.switchTo('c1');
    await screen.findByText('Ana Ruiz');
    expect(messageBox().value).toBe('On my way'); // not accepted yet: still kept
    view.switchTo('c2');
    await screen.findByText('Ben Ortiz');
    answer();
    await waitFor(() => expect(view.posts()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    view.switchTo('c1');
    await screen.findByText('Ana Ruiz');
    expect(messageBox().value).toBe('');
  });
});

describe('F18, F21, F31: channels and From numbers that guide', () => {
  it('WhatsApp shows its From, offers only numbers that can send WhatsApp, and defaults to the only one', async () => {
    const view = renderConversation({
      'GET /numbers': { body: NUMBERS },
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': accepted,
    });
    await waitFor(() => expect(fromSelect().value).toBe('+14155550999'));
    expect(Array.from(fromSelect().options, (option) => option.value)).toEqual(['+14155550999', '+14155550101', '+16175550102']);
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    expect(fromSelect().value).toBe('+14155550101');
    expect(Array.from(fromSelect().options, (option) => option.value)).toEqual(['+14155550101']);
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.posts()).toEqual([expect.objectContaining({ channel: 'whatsapp', from: '+14155550101' })]));
  });

  it('WhatsApp with several numbers and none chosen asks for one before sending, then sends from the one picked', async () => {
    const view = renderConversation({
      'GET /numbers': { body: [...NUMBERS, number('n4', '+16175550199', { whatsapp: true })] },
      'POST /contacts/c1/messages': accepted,
    });
    await screen.findByText('Ana Ruiz');
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    await waitFor(() => expect(fromSelect().value).toBe(''));
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Select a From number for WhatsApp.');
    expect(view.posts()).toEqual([]);
    fireEvent.change(fromSelect(), { target: { value: '+16175550199' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.posts()).toEqual([expect.objectContaining({ channel: 'whatsapp', from: '+16175550199' })]));
  });

  it('an account without a WhatsApp number says so on choosing WhatsApp', async () => {
    renderConversation({ 'GET /numbers': { body: NUMBERS.filter((each) => !each.capabilities.whatsapp) } });
    await screen.findByText('Ana Ruiz');
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    await screen.findByText('This account has no number that can send WhatsApp messages.');
  });

  it('an SMS From chosen in the composer becomes the contact’s SMS Setting', async () => {
    const view = renderConversation({
      'GET /numbers': { body: NUMBERS },
      'PUT /contacts/c1/sms-from': ({ body }) => ({ body: { contactId: 'c1', to: '+14155550100', ...(body as object) } }),
    });
    await waitFor(() => expect(fromSelect().value).toBe(''));
    fireEvent.change(fromSelect(), { target: { value: '+16175550102' } });
    await waitFor(() => expect(fromSelect().value).toBe('+16175550102'));
    expect(view.fake.calls.filter((call) => call.method === 'PUT')).toEqual([
      expect.objectContaining({ path: '/contacts/c1/sms-from', body: { from: '+16175550102' } }),
    ]);
  });

  it('a reply to someone who texted in goes from the number they texted', async () => {
    const view = renderConversation({
      'GET /numbers': { body: NUMBERS },
      'GET /contacts/c1/messages': {
        body: {
          items: [inbound('+16175550102', 'sms', '2026-06-10T10:00:00.000Z'), inbound('+14155550101', 'sms', '2026-06-01T10:00:00.000Z')],
          nextCursor: null,
        },
      },
      'POST /contacts/c1/messages': accepted,
    });
    await screen.findByText('the number Ana texted');
    expect(fromSelect().value).toBe('+16175550102');
    expect(screen.queryByText(/No From number chosen yet/)).toBeNull();
    fireEvent.change(messageBox(), { target: { value: 'Yes, see you at 3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.posts()).toEqual([expect.objectContaining({ channel: 'sms', from: '+16175550102' })]));
  });

  it('iMessage says it is not configured, and what to do, before anything is typed', async () => {
    renderConversation({ 'GET /numbers': { body: NUMBERS } });
    await screen.findByText('Ana Ruiz');
    fireEvent.click(screen.getByRole('radio', { name: 'iMessage' }));
    expect(screen.getByText(/iMessage is not configured for this account\. Ask your admin/)).toBeTruthy();
    expect(messageBox().value).toBe('');
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a previous channel’s error does not stay on screen after switching channel', async () => {
    renderConversation({
      'GET /numbers': { body: NUMBERS },
      'GET /contacts/c1/sms-from': { body: { contactId: 'c1', from: '+14155550999', to: '+14155550100' } },
      'POST /contacts/c1/messages': {
        status: 422,
        body: { error: { code: 'CARRIER_REJECTED', message: 'WhatsApp templates are required outside the 24 h window.' } },
      },
    });
    await waitFor(() => expect(fromSelect().value).toBe('+14155550999'));
    fireEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    fireEvent.change(messageBox(), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText(/Not sent: WhatsApp templates/);
    fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    expect(screen.queryByText(/Not sent: WhatsApp templates/)).toBeNull();
    expect(messageBox().value).toBe('Hello');
  });
});
