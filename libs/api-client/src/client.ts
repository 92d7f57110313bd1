import type {
  AppointmentView,
  CalendarView,
  CallView,
  ContactListItem,
  ContactView,
  ConversationView,
  DispositionView,
  DndSettings,
  FreeSlotsView,
  MessageView,
  NoteView,
  Page,
  SenderNumberView,
  SmsFromView,
  TagView,
  TeamMemberView,
  TimelineItem,
  WebhookDeliveryStatus,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookReplayResult,
} from '@conversations/contracts';
import { ApiError, apiErrorOf, networkError, retryAfterOf } from './api-error';
import { subscribeToEvents, type DomainEventListener } from './event-stream';

/**
 * How an embedding host or the shell hands out access tokens without remounting a panel: asked before
 * every request (it should answer from its cache while the token is fresh, and renew before expiry) and
 * again with `forceRefresh` after a 401.
 */
export type GetToken = (options: { forceRefresh: boolean }) => Promise<string>;

export interface ApiClientOptions {
  /** Origin of the gateway, e.g. http://127.0.0.1:3000 (the API lives under /api/v1). */
  apiBaseUrl: string;
  /** A fixed access token; or `getToken`, which wins when both are given. */
  token?: string;
  getToken?: GetToken;
  /** The account requests act in (`X-Tenant-Id`): needed when the token lists several. */
  tenantId?: string;
}

export type ContactChanges = Partial<
  Pick<
    ContactView,
    'firstName' | 'lastName' | 'phone' | 'email' | 'company' | 'address' | 'timeZone' | 'dateOfBirth' | 'source' | 'customFields'
  >
>;
export type MessageChannel = 'sms' | 'whatsapp' | 'imessage';
export interface SendMessage {
  channel: MessageChannel;
  body: string;
  from?: string;
  clientMessageId?: string;
  /** F38: send later, at this instant (ISO with its UTC offset); the answer is the message, `scheduled`. */
  scheduledAt?: string;
  /** F38: with `scheduledAt` — cancel it if the contact writes in first. */
  cancelIfReplied?: boolean;
}
/** F38: what may change on a scheduled message before it goes. */
export type ScheduledMessageChanges = Partial<Pick<SendMessage, 'body' | 'scheduledAt' | 'cancelIfReplied'>>;
/** A short-lived signed address of a call recording: usable as an `<audio src>` without a token, seekable (HTTP Range). */
export interface RecordingLink {
  url: string;
  expiresAt: string;
}
export interface DevToken {
  token: string;
  expiresAt: string;
  tenantId: string;
  user: TeamMemberView;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** How often a request is sent at most, and the pause (growing) before a change whose outcome is unknown is sent again. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;
/** A rate limit that lifts within this long is waited out here; a longer one reaches the panel, which shows the wait. */
const RATE_LIMIT_WAIT_MAX_S = 10;

/**
 * How long to wait before sending `error`'s request again, or undefined to give up. Any request refused
 * by the rate limit (nothing was done) waits out a short Retry-After; a change whose outcome is unknown
 * (no answer, 504, or still running) goes again with its key.
 */
function retryDelayOf(error: unknown, change: boolean, attempt: number): number | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds ?? 1;
    return seconds <= RATE_LIMIT_WAIT_MAX_S ? seconds * 1_000 : undefined;
  }
  const outcomeUnknown = error.status === 0 || error.status === 504 || error.code === 'REQUEST_IN_PROGRESS';
  return change && outcomeUnknown ? RETRY_DELAY_MS * attempt : undefined;
}

/** A UUID; `crypto.randomUUID` exists only on secure origins, so a plain-http deployment gets random hex. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw networkError();
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw apiErrorOf(response.status, body, retryAfterOf(response.headers.get('retry-after')));
  return body as T;
}

/** Local sign-in (the shell's "pick a seeded user"); no token needed. */
export function requestDevToken(apiBaseUrl: string, tenantId: string, userId: string): Promise<DevToken> {
  return call(`${trimSlash(apiBaseUrl)}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId, userId }),
  });
}

/** One typed client for every panel: the gateway's `/api/v1`, bearer token, errors as ApiError. */
export class ApiClient {
  readonly apiBaseUrl: string;
  readonly tenantId?: string;
  private readonly getToken: GetToken;
  /** Who the client signs in as, for sharing one event stream: the fixed token, or the getToken callback. */
  private readonly credentials: string | GetToken;

  constructor(options: ApiClientOptions) {
    this.apiBaseUrl = trimSlash(options.apiBaseUrl);
    this.tenantId = options.tenantId || undefined;
    const fixed = options.token ?? '';
    this.getToken = options.getToken ?? (() => Promise.resolve(fixed));
    this.credentials = options.getToken ?? fixed;
  }

  /**
   * One call of the API. A change (anything but GET) is one user action: it carries an Idempotency-Key,
   * and when its outcome is not known — no answer (status 0), 504, or the first attempt still running
   * (409 REQUEST_IN_PROGRESS) — it is retried with the same key, which the gateway answers with the one
   * outcome instead of doing the change twice.
   */
  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    // A fixed token is used as it is, without an await: the request leaves in the same tick as the call.
    const token = typeof this.credentials === 'string' ? this.credentials : await this.getToken({ forceRefresh: false });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (this.tenantId) headers['x-tenant-id'] = this.tenantId;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    };
    const url = `${this.apiBaseUrl}/api/v1${path}${queryString(options.query)}`;
    const change = method !== 'GET';
    if (change) headers['idempotency-key'] = newIdempotencyKey();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call<T>(url, init);
      } catch (error) {
        // A token that expired or was revoked on the way: once, with a fresh one (the gateway did nothing on a 401).
        if (error instanceof ApiError && error.status === 401 && !refreshed && typeof this.credentials === 'function') {
          refreshed = true;
          headers.authorization = `Bearer ${await this.getToken({ forceRefresh: true })}`;
          attempt--;
          continue;
        }
        const wait = attempt < ATTEMPTS && !options.signal?.aborted ? retryDelayOf(error, change, attempt) : undefined;
        if (wait === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Live domain events (SSE, F11); one connection per page however many panels listen. */
  subscribe(listener: DomainEventListener): () => void {
    return subscribeToEvents(
      { apiBaseUrl: this.apiBaseUrl, tenantId: this.tenantId, credentials: this.credentials, getToken: this.getToken },
      listener,
    );
  }

  // Contacts (F1–F5, F26–F28, F32, F19)
  listContacts(
    query: { q?: string; cursor?: string | null; limit?: number; pinned?: string | null },
    signal?: AbortSignal,
  ): Promise<Page<ContactListItem>> {
    return this.request('GET', '/contacts', { query, signal });
  }
  getContact(id: string): Promise<ContactView> {
    return this.request('GET', `/contacts/${encodeURIComponent(id)}`);
  }
  updateContact(id: string, changes: ContactChanges): Promise<ContactView> {
    return this.request('PATCH', `/contacts/${encodeURIComponent(id)}`, { body: changes });
  }
  setTags(id: string, tagIds: string[]): Promise<ContactView> {
    return this.request('PUT', `/contacts/${encodeURIComponent(id)}/tags`, { body: { tagIds } });
  }
  setDisposition(id: string, dispositionId: string | null): Promise<ContactView> {
    return this.request('PUT', `/contacts/${encodeURIComponent(id)}/disposition`, { body: { dispositionId } });
  }
  updateDnd(id: string, changes: Partial<DndSettings>): Promise<ContactView> {
    return this.request('PATCH', `/contacts/${encodeURIComponent(id)}/dnd`, { body: changes });
  }
  setAssignment(id: string, assignment: { type: 'unassigned' | 'company' | 'user'; userId?: string }): Promise<ContactView> {
    return this.request('PUT', `/contacts/${encodeURIComponent(id)}/assignment`, { body: assignment });
  }
  listTags(): Promise<TagView[]> {
    return this.request('GET', '/tags');
  }
  createTag(name: string): Promise<TagView> {
    return this.request('POST', '/tags', { body: { name } });
  }
  listDispositions(): Promise<DispositionView[]> {
    return this.request('GET', '/dispositions');
  }
  listTeamMembers(): Promise<TeamMemberView[]> {
    return this.request('GET', '/team-members');
  }
  me(): Promise<TeamMemberView> {
    return this.request('GET', '/me');
  }

  // Notes (F29)
  listNotes(contactId: string, cursor?: string | null): Promise<Page<NoteView>> {
    return this.request('GET', `/contacts/${encodeURIComponent(contactId)}/notes`, { query: { cursor, limit: 50 } });
  }
  createNote(contactId: string, body: string): Promise<NoteView> {
    return this.request('POST', `/contacts/${encodeURIComponent(contactId)}/notes`, { body: { body } });
  }
  updateNote(contactId: string, noteId: string, body: string): Promise<NoteView> {
    return this.request('PATCH', `/contacts/${encodeURIComponent(contactId)}/notes/${encodeURIComponent(noteId)}`, { body: { body } });
  }

  // Messaging (F6, F7, F14–F24, F31)
  listConversations(
    query: { search?: string; cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ): Promise<Page<ConversationView>> {
    return this.request('GET', '/conversations', { query, signal });
  }
  markConversationRead(conversationId: string): Promise<ConversationView> {
    return this.request('POST', `/conversations/${encodeURIComponent(conversationId)}/read`);
  }
  listMessages(contactId: string, cursor?: string | null): Promise<Page<MessageView>> {
    return this.request('GET', `/contacts/${encodeURIComponent(contactId)}/messages`, { query: { cursor, limit: 30 } });
  }
  sendMessage(contactId: string, message: SendMessage): Promise<MessageView> {
    return this.request('POST', `/contacts/${encodeURIComponent(contactId)}/messages`, { body: message });
  }
  /** F40: a failed or undelivered message sent again; answers the message, queued again. */
  retryMessage(messageId: string): Promise<MessageView> {
    return this.request('POST', `/messages/${encodeURIComponent(messageId)}/retry`);
  }
  /** F38: the account's (or one contact's) scheduled messages that have not gone yet, soonest first. */
  listScheduledMessages(query: { contactId?: string | null; cursor?: string | null; limit?: number } = {}): Promise<Page<MessageView>> {
    return this.request('GET', '/scheduled-messages', { query });
  }
  /** F38: a scheduled message's text, time or cancel-if-replied, before it goes (409 once it went or was canceled). */
  updateScheduledMessage(messageId: string, changes: ScheduledMessageChanges): Promise<MessageView> {
    return this.request('PATCH', `/messages/${encodeURIComponent(messageId)}`, { body: changes });
  }
  /** F38: cancel a scheduled message (again: the same answer); 409 once its sending started. */
  cancelScheduledMessage(messageId: string): Promise<MessageView> {
    return this.request('POST', `/messages/${encodeURIComponent(messageId)}/cancel`);
  }
  listNumbers(): Promise<SenderNumberView[]> {
    return this.request('GET', '/numbers');
  }
  getSmsFrom(contactId: string): Promise<SmsFromView> {
    return this.request('GET', `/contacts/${encodeURIComponent(contactId)}/sms-from`);
  }
  setSmsFrom(contactId: string, from: string | null): Promise<SmsFromView> {
    return this.request('PUT', `/contacts/${encodeURIComponent(contactId)}/sms-from`, { body: { from } });
  }

  // Appointments (F30)
  listAppointments(contactId: string): Promise<Page<AppointmentView>> {
    return this.request('GET', `/contacts/${encodeURIComponent(contactId)}/appointments`, { query: { when: 'upcoming', limit: 50 } });
  }
  createAppointment(contactId: string, appointment: { calendarId: string; start: string; title?: string }): Promise<AppointmentView> {
    return this.request('POST', `/contacts/${encodeURIComponent(contactId)}/appointments`, { body: appointment });
  }
  listCalendars(): Promise<Page<CalendarView>> {
    return this.request('GET', '/calendars', { query: { limit: 100 } });
  }
  freeSlots(calendarId: string, from: string, to: string): Promise<FreeSlotsView> {
    return this.request('GET', `/calendars/${encodeURIComponent(calendarId)}/free-slots`, { query: { from, to } });
  }

  // Calls (F8, F9, F13, F14, F17). A gateway without these routes answers 404 NOT_FOUND / 501: `isUnavailable`.
  listCalls(query: { search?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<CallView>> {
    return this.request('GET', '/calls', { query, signal });
  }
  /** Click-to-call: the carrier rings the signed-in user's phone first, then the contact, showing `from`. */
  startCall(contactId: string, from: string): Promise<CallView> {
    return this.request('POST', `/contacts/${encodeURIComponent(contactId)}/calls`, { body: { from } });
  }
  /** Messages and calls, newest first; pass `nextCursor` back as `before` for older items. */
  timeline(contactId: string, before?: string | null, limit = 30): Promise<Page<TimelineItem>> {
    return this.request('GET', `/contacts/${encodeURIComponent(contactId)}/timeline`, { query: { before, limit } });
  }
  /** The gateway answers a path (`/api/v1/media/recordings/…`); the page runs on another origin, so it is made absolute. */
  async recordingLink(callId: string): Promise<RecordingLink> {
    const link = await this.request<RecordingLink>('GET', `/calls/${encodeURIComponent(callId)}/recording/link`);
    return { ...link, url: new URL(link.url, `${this.apiBaseUrl}/`).href };
  }

  // Webhooks (F33, #18): admin-only (403 for agents). The secret is in the answers of create and rotate only.
  /** The event types an endpoint can subscribe to (the picker's choices). */
  listWebhookEventTypes(): Promise<string[]> {
    return this.request('GET', '/webhook-event-types');
  }
  listWebhookEndpoints(query: { cursor?: string | null; limit?: number } = {}): Promise<Page<WebhookEndpointView>> {
    return this.request('GET', '/webhook-endpoints', { query });
  }
  /** Answers the endpoint and its `whsec_…` secret, which is never shown again. */
  createWebhookEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret> {
    return this.request('POST', '/webhook-endpoints', { body: endpoint });
  }
  getWebhookEndpoint(id: string): Promise<WebhookEndpointView> {
    return this.request('GET', `/webhook-endpoints/${encodeURIComponent(id)}`);
  }
  /** Enabling an endpoint again clears the notice of its automatic disabling. */
  updateWebhookEndpoint(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpointView> {
    return this.request('PATCH', `/webhook-endpoints/${encodeURIComponent(id)}`, { body: changes });
  }
  deleteWebhookEndpoint(id: string): Promise<void> {
    return this.request('DELETE', `/webhook-endpoints/${encodeURIComponent(id)}`);
  }
  /** A new secret (shown once); the previous one keeps signing beside it for `overlapMinutes` (the server's default: 24 h). */
  rotateWebhookSecret(id: string, overlapMinutes?: number): Promise<WebhookEndpointWithSecret> {
    return this.request('POST', `/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`, { body: { overlapMinutes } });
  }
  /** Sends a signed `webhook.test` event now; answers its delivery, pending. */
  sendWebhookTest(id: string): Promise<WebhookDeliveryView> {
    return this.request('POST', `/webhook-endpoints/${encodeURIComponent(id)}/test`);
  }
  /** The delivery log, newest first. */
  listWebhookDeliveries(
    endpointId: string,
    query: { status?: WebhookDeliveryStatus | null; cursor?: string | null; limit?: number } = {},
  ): Promise<Page<WebhookDeliveryView>> {
    return this.request('GET', `/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries`, { query });
  }
  getWebhookDelivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return this.request('GET', `/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}`);
  }
  /** One delivery attempted again now (the same `webhook-id`), with a fresh retry schedule. */
  resendWebhookDelivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return this.request('POST', `/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/resend`);
  }
  /** New deliveries of every kept event in [from, to) the endpoint subscribes to. */
  replayWebhookEvents(endpointId: string, range: { from: string; to: string }): Promise<WebhookReplayResult> {
    return this.request('POST', `/webhook-endpoints/${encodeURIComponent(endpointId)}/replay`, { body: range });
  }
}

// Webhooks (F33, #18): the inputs of the endpoint methods above.
/** F33: what may change on a webhook endpoint; `eventTypes: null` subscribes to every type (also ones added later). */
export type WebhookEndpointChanges = Partial<Pick<WebhookEndpointView, 'url' | 'eventTypes' | 'enabled' | 'description'>>;
export type NewWebhookEndpoint = WebhookEndpointChanges & { url: string };
