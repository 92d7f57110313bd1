import type { AppointmentsSubject, CallsSubject, ContactsSubject, MessagingSubject, WebhooksSubject } from '@conversations/contracts';
import { RpcClient } from '@conversations/service-kit';

// One client class per backend service, so each is its own injection token and takes only its subjects.

/** The contacts service: contacts, notes, tag and disposition catalogues, team members. */
export class ContactsClient extends RpcClient<ContactsSubject> {}

/** The appointments service: calendars, free slots, appointments. */
export class AppointmentsClient extends RpcClient<AppointmentsSubject> {}

/** The messaging service: sender numbers, conversations, messages, carrier webhooks. */
export class MessagingClient extends RpcClient<MessagingSubject> {}

/** The calls service: click-to-call, call records, recordings, carrier voice webhooks. */
export class CallsClient extends RpcClient<CallsSubject> {}

/** The webhooks service: tenants' webhook endpoints, their delivery log, resend and replay. */
export class WebhooksClient extends RpcClient<WebhooksSubject> {}
