import type {
  CancelAppointmentDto,
  CreateAppointmentDto,
  CreateCalendarDto,
  FreeSlotsQueryDto,
  ListAppointmentsQueryDto,
  ListCalendarsQueryDto,
  UpdateAppointmentDto,
  UpdateCalendarDto,
} from './appointments/appointment.dto';
import type { AppointmentView, CalendarView, FreeSlotsView } from './appointments/views';
import type {
  CallsPageQueryDto,
  CarrierCallAnswer,
  CarrierCallRecording,
  CarrierCallStatus,
  CarrierXmlResponse,
  ListCallsQueryDto,
  StartCallDto,
} from './calls/calls.dto';
import type { CallRecordingSource, CallView } from './calls/views';
import type {
  CreateContactDto,
  CreateDispositionDto,
  CreateTagDto,
  FindOrCreateByPhoneDto,
  ListContactsQueryDto,
  NoteBodyDto,
  PageQueryDto,
  SetAssignmentDto,
  SetContactTagsDto,
  SetDispositionDto,
  UpdateContactDto,
  UpdateDispositionDto,
  UpdateDndDto,
  UpdateTagDto,
} from './contacts/contact.dto';
import type {
  ContactListItem,
  ContactView,
  DispositionView,
  DndChange,
  FindOrCreateResult,
  NoteView,
  TagView,
  TeamMemberView,
} from './contacts/views';
import type { Page, RpcRequest } from './envelope';
import type {
  CarrierInboundMessage,
  CarrierStatusReport,
  ListConversationsQueryDto,
  ListScheduledMessagesQueryDto,
  MessagesPageQueryDto,
  SendMessageDto,
  SetSmsFromDto,
  UpdateScheduledMessageDto,
} from './messaging/messaging.dto';
import type {
  CarrierInboundResult,
  CarrierStatusResult,
  ConversationView,
  MessageView,
  NumberOwnerView,
  SenderNumberView,
  SmsFromView,
} from './messaging/views';
import type {
  AppointmentsSubjects,
  CallsSubjects,
  CatalogueSubjects,
  CatalogueSubjectSet,
  ContactsSubjects,
  MessagingSubjects,
  WebhooksSubjects,
} from './subjects';
import type {
  CreateWebhookEndpointDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhookEndpointsQueryDto,
  ReplayWebhookEventsDto,
  RotateWebhookSecretDto,
  UpdateWebhookEndpointDto,
} from './webhooks/webhook.dto';
import type { WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret, WebhookReplayResult } from './webhooks/views';

/** A request that carries nothing but the caller's context (the tenant is in `ctx`). */
export type NoInput = Record<string, never>;

/** What a delete answers (the gateway turns it into 204). */
export interface Deleted {
  deleted: boolean;
}

/** The route's id with the operation's body under `changes`: PATCH-style updates. */
export interface Changes<Dto> {
  id: string;
  changes: Dto;
}

/** contacts.update-dnd: users' changes come without `source`; messaging sets it for opt-out keywords (F25). */
export interface UpdateDndRequest extends Changes<UpdateDndDto> {
  source?: DndChange['source'];
  keyword?: string;
}

interface Contract<Request, Response> {
  request: Request;
  response: Response;
}

type CatalogueContracts<S extends CatalogueSubjectSet, View, CreateDto, UpdateDto> = Record<S['list'], Contract<NoInput, View[]>> &
  Record<S['create'], Contract<CreateDto, View>> &
  Record<S['update'], Contract<Changes<UpdateDto>, View>> &
  Record<S['delete'], Contract<{ id: string }, Deleted>>;

type TagContracts = CatalogueContracts<(typeof CatalogueSubjects)['tags'], TagView, CreateTagDto, UpdateTagDto>;
type DispositionContracts = CatalogueContracts<
  (typeof CatalogueSubjects)['dispositions'],
  DispositionView,
  CreateDispositionDto,
  UpdateDispositionDto
>;

/**
 * Every request/reply subject with the data it takes and what it answers: the NATS clients and the
 * handler decorator are typed from it, so a caller sending the wrong data, or a handler answering the
 * wrong shape, does not compile.
 */
export interface RpcContracts extends TagContracts, DispositionContracts {
  [ContactsSubjects.create]: Contract<CreateContactDto, ContactView>;
  [ContactsSubjects.get]: Contract<{ id: string }, ContactView>;
  [ContactsSubjects.list]: Contract<ListContactsQueryDto, Page<ContactListItem>>;
  [ContactsSubjects.update]: Contract<Changes<UpdateContactDto>, ContactView>;
  [ContactsSubjects.delete]: Contract<{ id: string }, Deleted>;
  [ContactsSubjects.findOrCreateByPhone]: Contract<FindOrCreateByPhoneDto, FindOrCreateResult>;
  [ContactsSubjects.setTags]: Contract<{ id: string } & SetContactTagsDto, ContactView>;
  [ContactsSubjects.setDisposition]: Contract<{ id: string } & SetDispositionDto, ContactView>;
  [ContactsSubjects.updateDnd]: Contract<UpdateDndRequest, ContactView>;
  [ContactsSubjects.assign]: Contract<{ id: string; assignment: SetAssignmentDto }, ContactView>;
  [ContactsSubjects.notesList]: Contract<{ contactId: string } & PageQueryDto, Page<NoteView>>;
  [ContactsSubjects.notesCreate]: Contract<{ contactId: string } & NoteBodyDto, NoteView>;
  [ContactsSubjects.notesUpdate]: Contract<{ contactId: string; noteId: string } & NoteBodyDto, NoteView>;
  [ContactsSubjects.notesDelete]: Contract<{ contactId: string; noteId: string }, Deleted>;
  [ContactsSubjects.teamMembersList]: Contract<NoInput, TeamMemberView[]>;
  [ContactsSubjects.teamMembersGet]: Contract<{ id: string }, TeamMemberView>;

  [AppointmentsSubjects.calendarsList]: Contract<ListCalendarsQueryDto, Page<CalendarView>>;
  [AppointmentsSubjects.calendarsCreate]: Contract<CreateCalendarDto, CalendarView>;
  [AppointmentsSubjects.calendarsGet]: Contract<{ id: string }, CalendarView>;
  [AppointmentsSubjects.calendarsUpdate]: Contract<Changes<UpdateCalendarDto>, CalendarView>;
  [AppointmentsSubjects.freeSlots]: Contract<{ calendarId: string } & FreeSlotsQueryDto, FreeSlotsView>;
  [AppointmentsSubjects.listForContact]: Contract<{ contactId: string } & ListAppointmentsQueryDto, Page<AppointmentView>>;
  [AppointmentsSubjects.create]: Contract<{ contactId: string } & CreateAppointmentDto, AppointmentView>;
  [AppointmentsSubjects.get]: Contract<{ id: string }, AppointmentView>;
  [AppointmentsSubjects.update]: Contract<Changes<UpdateAppointmentDto>, AppointmentView>;
  [AppointmentsSubjects.cancel]: Contract<{ id: string } & CancelAppointmentDto, AppointmentView>;

  [MessagingSubjects.send]: Contract<{ contactId: string; message: SendMessageDto }, MessageView>;
  [MessagingSubjects.messagesList]: Contract<{ contactId: string } & MessagesPageQueryDto, Page<MessageView>>;
  [MessagingSubjects.retry]: Contract<{ messageId: string }, MessageView>;
  [MessagingSubjects.scheduledList]: Contract<ListScheduledMessagesQueryDto, Page<MessageView>>;
  [MessagingSubjects.scheduledUpdate]: Contract<{ messageId: string; changes: UpdateScheduledMessageDto }, MessageView>;
  [MessagingSubjects.scheduledCancel]: Contract<{ messageId: string }, MessageView>;
  [MessagingSubjects.conversationsList]: Contract<ListConversationsQueryDto, Page<ConversationView>>;
  [MessagingSubjects.conversationsMarkRead]: Contract<{ conversationId: string }, ConversationView>;
  [MessagingSubjects.smsFromGet]: Contract<{ contactId: string }, SmsFromView>;
  [MessagingSubjects.smsFromSet]: Contract<{ contactId: string } & SetSmsFromDto, SmsFromView>;
  [MessagingSubjects.numbersList]: Contract<NoInput, SenderNumberView[]>;
  [MessagingSubjects.numbersResolve]: Contract<{ number: string }, NumberOwnerView>;
  [MessagingSubjects.carrierStatus]: Contract<CarrierStatusReport, CarrierStatusResult>;
  [MessagingSubjects.carrierInbound]: Contract<CarrierInboundMessage, CarrierInboundResult>;

  [CallsSubjects.start]: Contract<{ contactId: string } & StartCallDto, CallView>;
  [CallsSubjects.list]: Contract<ListCallsQueryDto, Page<CallView>>;
  [CallsSubjects.listForContact]: Contract<{ contactId: string } & CallsPageQueryDto, Page<CallView>>;
  [CallsSubjects.get]: Contract<{ callId: string }, CallView>;
  [CallsSubjects.recordingSource]: Contract<{ callId: string }, CallRecordingSource>;
  [CallsSubjects.carrierAnswer]: Contract<CarrierCallAnswer, CarrierXmlResponse>;
  [CallsSubjects.carrierStatus]: Contract<CarrierCallStatus, CarrierXmlResponse>;
  // A recording callback always says whether it stored something new.
  [CallsSubjects.carrierRecording]: Contract<CarrierCallRecording, Required<CarrierXmlResponse>>;

  [WebhooksSubjects.endpointsList]: Contract<ListWebhookEndpointsQueryDto, Page<WebhookEndpointView>>;
  [WebhooksSubjects.endpointsCreate]: Contract<CreateWebhookEndpointDto, WebhookEndpointWithSecret>;
  [WebhooksSubjects.endpointsGet]: Contract<{ id: string }, WebhookEndpointView>;
  [WebhooksSubjects.endpointsUpdate]: Contract<Changes<UpdateWebhookEndpointDto>, WebhookEndpointView>;
  [WebhooksSubjects.endpointsDelete]: Contract<{ id: string }, Deleted>;
  [WebhooksSubjects.endpointsRotateSecret]: Contract<{ id: string } & RotateWebhookSecretDto, WebhookEndpointWithSecret>;
  [WebhooksSubjects.endpointsSendTest]: Contract<{ id: string }, WebhookDeliveryView>;
  [WebhooksSubjects.deliveriesList]: Contract<{ endpointId: string } & ListWebhookDeliveriesQueryDto, Page<WebhookDeliveryView>>;
  [WebhooksSubjects.deliveriesGet]: Contract<{ endpointId: string; deliveryId: string }, WebhookDeliveryView>;
  [WebhooksSubjects.deliveriesResend]: Contract<{ endpointId: string; deliveryId: string }, WebhookDeliveryView>;
  [WebhooksSubjects.deliveriesReplay]: Contract<{ endpointId: string } & ReplayWebhookEventsDto, WebhookReplayResult>;
}

export type RpcSubject = keyof RpcContracts;
/** The `data` a request on `K` carries. */
export type RpcRequestData<K extends RpcSubject> = RpcContracts[K]['request'];
/** The whole request on `K` as a handler receives it: the caller's context and the data. */
export type RpcRequestOf<K extends RpcSubject> = RpcRequest<RpcRequestData<K>>;
/** What a request on `K` answers. */
export type RpcResponse<K extends RpcSubject> = RpcContracts[K]['response'];

/** A typed request/reply call: the subject picks the data it takes and the answer it resolves to. */
export type RpcCall = <K extends RpcSubject>(subject: K, ctx: RpcRequest['ctx'], data: RpcRequestData<K>) => Promise<RpcResponse<K>>;

type ValuesOf<T> = T[keyof T];
/** The subjects one service answers: a client of that service sends no other. */
export type ContactsSubject = ValuesOf<typeof ContactsSubjects>;
export type AppointmentsSubject = ValuesOf<typeof AppointmentsSubjects>;
export type MessagingSubject = ValuesOf<typeof MessagingSubjects>;
export type CallsSubject = ValuesOf<typeof CallsSubjects>;
export type WebhooksSubject = ValuesOf<typeof WebhooksSubjects>;
type DeclaredSubject = ContactsSubject | AppointmentsSubject | MessagingSubject | CallsSubject | WebhooksSubject;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Fails to compile when a subject in subjects.ts has no contract, or a contract names no subject. */
type _EverySubjectHasAContract = Assert<Same<DeclaredSubject, RpcSubject>>;
