/**
 * @jest-environment jsdom
 */
import { panelBus } from '@conversations/panel-bus';
import { createPanelQueryClient } from '@conversations/ui';
import { fakeFetch, contactFixture } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ContactDetailsPanel from './ContactDetailsPanel';

const stored = contactFixture();
const ben = contactFixture({ id: 'c2', firstName: 'Ben', lastName: 'Ortiz', fullName: 'Ben Ortiz', phone: '+14155550111' });

const panel = (contactId: string, queryClient = createPanelQueryClient()) => (
  <ContactDetailsPanel apiBaseUrl="http://api.test" token="t" contactId={contactId} queryClient={queryClient} />
);

function renderDetails(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const fake = fakeFetch({
    'GET /contacts/c1': { body: stored },
    'GET /contacts/c2': { body: ben },
    'GET /contacts/c2/notes': { body: { items: [], nextCursor: null } },
    'GET /me': { body: { id: 'u-ana', name: 'Ana', timeZone: 'UTC' } },
    'GET /dispositions': { body: [{ id: 'd1', name: 'Callback' }] },
    'GET /tags': { body: [{ id: 't1', name: 'VIP', color: null }] },
    'GET /contacts/c1/notes': { body: { items: [], nextCursor: null } },
    // Appointments route not deployed (404 NOT_FOUND) and messaging down (503): "unavailable", not fake data.
    'GET /numbers': { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'messaging is not answering' } } },
    'GET /contacts/c1/sms-from': { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'messaging is not answering' } } },
    ...routes,
  });
  globalThis.fetch = fake.fetch;
  let queryClient = createPanelQueryClient();
  let view = render(panel('c1', queryClient));
  return Object.assign(fake, {
    switchTo: (contactId: string) => view.rerender(panel(contactId, queryClient)),
    /** A reload: the page and its query cache are new, the browser's storage is not. */
    reload: () => {
      view.unmount();
      queryClient = createPanelQueryClient();
      view = render(panel('c1', queryClient));
    },
  });
}

const field = (name: string) => screen.findByRole('textbox', { name }) as Promise<HTMLInputElement>;

beforeEach(() => localStorage.clear());

describe('Contact details (component)', () => {
  it('F26: a 422 shows each field’s message beside it and keeps what was typed', async () => {
    renderDetails({
      'PATCH /contacts/c1': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Some fields are invalid',
            fields: { email: ['email must be an email address, e.g. ana@example.com'] },
          },
        },
      },
    });
    const email = (await screen.findByRole('textbox', { name: 'Email' })) as HTMLInputElement;
    fireEvent.change(email, { target: { value: 'ana@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText('email must be an email address, e.g. ana@example.com');
    expect(email.value).toBe('ana@');
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it('F26: Save Changes sends only what changed, confirms, and tells the other panels', async () => {
    const updated: string[] = [];
    const unsubscribe = panelBus().subscribe('contact-updated', ({ contactId }) => updated.push(contactId));
    const fake = renderDetails({
      'PATCH /contacts/c1': ({ body }) => ({ body: { ...stored, ...(body as object), fullName: 'Anna Ruiz' } }),
    });
    fireEvent.change(await screen.findByRole('textbox', { name: 'First name' }), { target: { value: 'Anna' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText(/Contact saved/);
    expect(fake.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ firstName: 'Anna' });
    expect(updated).toEqual(['c1']);
    unsubscribe();
  });

  it('F27, F32: a disposition and a DND choice save on change; missing back ends show "unavailable"', async () => {
    const fake = renderDetails({
      'PUT /contacts/c1/disposition': { body: { ...stored, disposition: { id: 'd1', name: 'Callback' } } },
      'PATCH /contacts/c1/dnd': { body: { ...stored, dnd: { ...stored.dnd, sms: true } } },
    });
    const section = await screen.findByTestId('section-dispositions');
    await within(section).findByRole('option', { name: 'Callback' });
    fireEvent.change(within(section).getByRole('combobox'), { target: { value: 'd1' } });
    await screen.findByText('Disposition saved.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Text Messages' }));
    await screen.findByText('Do Not Contact saved.');
    expect(fake.calls.filter((call) => call.method !== 'GET').map((call) => [call.method, call.path, call.body])).toEqual([
      ['PUT', '/contacts/c1/disposition', { dispositionId: 'd1' }],
      ['PATCH', '/contacts/c1/dnd', { sms: true }],
    ]);
    await waitFor(() => expect(screen.getByText('Appointments unavailable')).toBeTruthy());
    expect(screen.getByText('SMS Setting unavailable')).toBeTruthy();
  });

  it('F26: custom fields are edited in the form: a stored one changed, a new one added, errors beside the row at fault', async () => {
    const fake = renderDetails({
      'GET /contacts/c1': { body: { ...stored, customFields: { loyaltyTier: 'gold', visits: 3 } } },
      'PATCH /contacts/c1': ({ body }) =>
        (body as { customFields: Record<string, unknown> }).customFields.referrer === 'too long'
          ? {
              status: 422,
              body: {
                error: {
                  code: 'VALIDATION_FAILED',
                  message: 'Some fields are invalid',
                  fields: { customFields: ['customFields values must be at most 10 characters'] },
                },
              },
            }
          : { body: { ...stored, customFields: (body as { customFields: object }).customFields } },
    });
    const tier = (await screen.findByRole('textbox', { name: 'loyaltyTier' })) as HTMLInputElement;
    expect(tier.value).toBe('gold');
    fireEvent.change(tier, { target: { value: 'platinum' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'visits' }), { target: { value: 'many' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add custom field' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Field name' }), { target: { value: 'referrer' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'too long' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    // Checked before sending: the number field holding text is named, nothing is sent.
    await screen.findByText('Enter a number, e.g. 42 or 3.5.');
    expect(fake.calls.filter((call) => call.method === 'PATCH')).toEqual([]);

    fireEvent.change(screen.getByRole('textbox', { name: /^visits/ }), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    // The server's answer for the map shows under the custom fields, and what was typed stays.
    await screen.findByText('customFields values must be at most 10 characters');
    expect((screen.getByRole('textbox', { name: 'Value' }) as HTMLInputElement).value).toBe('too long');

    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value: 'Ben' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText(/Contact saved/);
    expect(fake.calls.filter((call) => call.method === 'PATCH').at(-1)?.body).toEqual({
      customFields: { loyaltyTier: 'platinum', visits: 4, referrer: 'Ben' },
    });
    // The saved field is now a stored one, labelled by its name.
    expect(((await screen.findByRole('textbox', { name: 'referrer' })) as HTMLInputElement).value).toBe('Ben');
  });

  it('#14: rate-limited contact details say how long they wait, offer Retry, and load on Retry', async () => {
    let limited = true;
    const fake = renderDetails({
      'GET /contacts/c1': () =>
        limited
          ? { status: 429, headers: { 'retry-after': '45' }, body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } } }
          : { body: stored },
    });
    await screen.findByText('Too many requests — trying again in 45 s');
    limited = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('textbox', { name: 'First name' });
    expect(fake.calls.filter((request) => request.path === '/contacts/c1')).toHaveLength(2);
  });
});

describe('F37: Contact Info edits not saved yet are never lost', () => {
  it('survive a switch to another contact and back, flagged "Unsaved changes" with Save', async () => {
    const fake = renderDetails({
      'PATCH /contacts/c1': ({ body }) => ({ body: { ...stored, ...(body as object), fullName: 'Anna Ruiz' } }),
    });
    fireEvent.change(await field('First name'), { target: { value: 'Anna' } });
    fireEvent.change(await field('Company'), { target: { value: 'Smile Co' } });
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    fake.switchTo('c2');
    await waitFor(async () => expect((await field('First name')).value).toBe('Ben'));
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    fake.switchTo('c1');
    await screen.findByText('Unsaved changes');
    expect((await field('First name')).value).toBe('Anna');
    expect((await field('Company')).value).toBe('Smile Co');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Contact saved/);
    expect(fake.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ firstName: 'Anna', company: 'Smile Co' });
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('survive a reload; Discard brings back the stored values and keeps nothing', async () => {
    const fake = renderDetails();
    fireEvent.change(await field('Email'), { target: { value: 'ana@example' } });
    fake.reload();
    await screen.findByText('Unsaved changes');
    expect((await field('Email')).value).toBe('ana@example');
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect((await field('Email')).value).toBe('');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    fake.reload();
    await field('Email');
    expect((await field('Email')).value).toBe('');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('are no longer kept once saved', async () => {
    let current = stored;
    const fake = renderDetails({
      'GET /contacts/c1': () => ({ body: current }),
      'PATCH /contacts/c1': ({ body }) => ({ body: (current = { ...stored, ...(body as object) }) }),
    });
    fireEvent.change(await field('Last name'), { target: { value: 'Ruiz-Soto' } });
    fake.reload();
    await screen.findByText('Unsaved changes');
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText(/Contact saved/);
    current = { ...current, lastName: 'Soto' }; // changed elsewhere since: the stored value shows, not an old edit
    fake.reload();
    await waitFor(async () => expect((await field('Last name')).value).toBe('Soto'));
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });
});
