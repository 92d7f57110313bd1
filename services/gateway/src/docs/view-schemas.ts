import type {
  Address,
  Assignment,
  ContactListItem,
  ContactView,
  DispositionView,
  DndChange,
  DndSettings,
  ErrorBody,
  FindOrCreateResult,
  NoteView,
  TagView,
  TeamMemberView,
} from '@conversations/contracts';
import { ASSIGNMENT_TYPES, ErrorCodes } from '@conversations/contracts';
import { dateTime, nullable, objectOf, page, ref, string } from './schema-builders';
import type { Schema } from './schema-builders';

/** OpenAPI schemas of the contacts-side response views (each checked against its interface: schema-builders.ts). */

const address = objectOf<Address>({
  line1: nullable(string()),
  line2: nullable(string()),
  city: nullable(string()),
  region: nullable(string()),
  postalCode: nullable(string()),
  country: nullable(string('ISO 3166-1 alpha-2', { example: 'US' })),
});

const dnd = objectOf<DndSettings>(
  {
    all: { type: 'boolean', description: 'do not contact on any channel' },
    email: { type: 'boolean' },
    sms: { type: 'boolean' },
    calls: { type: 'boolean', description: 'calls and voicemails' },
    inboundCallsAndSms: { type: 'boolean', description: 'reject inbound calls, store inbound SMS without notification' },
  },
  'Do Not Contact per channel (F32)',
);

const dndChange = objectOf<DndChange>(
  {
    at: dateTime(),
    source: string(undefined, { enum: ['user', 'inbound-keyword', 'import', 'system'] }),
    by: string('user id or system name'),
    keyword: string('the inbound keyword (STOP, START…) when source is inbound-keyword'),
    changes: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
  'One consent change (F25)',
);
dndChange.required = ['at', 'source', 'by', 'changes'];

const assignment = objectOf<Assignment>({
  type: string(undefined, { enum: [...ASSIGNMENT_TYPES] }),
  userId: nullable(string('team member id when type is user')),
});

const tag = objectOf<TagView>({ id: string(), name: string(), color: nullable(string('hex colour', { example: '#3366ff' })) });
const disposition = objectOf<DispositionView>({ id: string(), name: string() });

const contact = objectOf<ContactView>({
  id: string(),
  firstName: nullable(string()),
  lastName: nullable(string()),
  fullName: string(),
  phone: nullable(string('E.164', { example: '+14155550100' })),
  email: nullable(string(undefined, { format: 'email' })),
  company: nullable(string()),
  address: { ...address, nullable: true },
  timeZone: nullable(string('IANA time zone', { example: 'America/New_York' })),
  dateOfBirth: nullable(string(undefined, { format: 'date' })),
  source: nullable(string()),
  customFields: {
    type: 'object',
    additionalProperties: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  },
  tags: { type: 'array', items: ref('TagView') },
  disposition: { allOf: [ref('DispositionView')], nullable: true },
  dnd,
  dndHistory: { type: 'array', items: dndChange },
  assignment,
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const contactListItem = objectOf<ContactListItem>({
  id: string(),
  firstName: nullable(string()),
  lastName: nullable(string()),
  fullName: string(),
  phone: nullable(string('E.164')),
  createdAt: dateTime(),
});

const note = objectOf<NoteView>({
  id: string(),
  contactId: string(),
  body: string(),
  preview: string('the start of the body, for lists'),
  authorId: string('team member id'),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const teamMember = objectOf<TeamMemberView>({
  id: string('the user id (`sub` of their token)'),
  name: string(),
  email: string(undefined, { format: 'email' }),
  phone: nullable(string('E.164')),
  timeZone: string('IANA time zone'),
  role: string(undefined, { enum: ['admin', 'user'] }),
});

const findOrCreateResult = objectOf<FindOrCreateResult>({ contact: ref('ContactView'), created: { type: 'boolean' } });

const errorBody = objectOf<ErrorBody>({
  code: string(undefined, { enum: Object.values(ErrorCodes) }),
  message: string('a sentence a person can act on'),
  fields: { type: 'object', description: 'field path → messages', additionalProperties: { type: 'array', items: { type: 'string' } } },
  details: { type: 'object', additionalProperties: true },
});
errorBody.required = ['code', 'message'];

export const VIEW_SCHEMAS: Record<string, Schema> = {
  ContactView: contact,
  ContactListItem: contactListItem,
  ContactListPage: page('ContactListItem'),
  FindOrCreateResult: findOrCreateResult,
  NoteView: note,
  NotePage: page('NoteView'),
  TagView: tag,
  DispositionView: disposition,
  TeamMemberView: teamMember,
  ErrorBody: errorBody,
  ErrorResponse: { type: 'object', properties: { error: ref('ErrorBody') }, required: ['error'] },
};
