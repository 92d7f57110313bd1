import {
  ErrorCodes,
  MessagesPageQueryDto,
  MessageView,
  MessagingSubjects,
  Page,
  RequestContext,
  SendMessageDto,
  SetSmsFromDto,
  SmsFromView,
} from '@conversations/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { CONTACT_ID } from '../contacts/contacts.controller';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { MessagingClient } from '../nats/service-client';

export const MESSAGE_ID = new ObjectIdPipe(ErrorCodes.MESSAGE_NOT_FOUND, 'Message');

/** A contact's messages (F14–F16, F18, F21–F24) and SMS Setting (F31). */
@ApiTags('messages')
@ApiAuthenticated()
@Controller()
export class MessagesController {
  constructor(private readonly messaging: MessagingClient) {}

  @Post('contacts/:id/messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send an SMS or WhatsApp message to the contact, now or later (F18, F21–F24, F38)',
    description:
      'Answers at once with the stored message (`queued`); the carrier sends it and its status then moves queued → sent → delivered | undelivered | failed ' +
      '(live as evt.messaging.message-status-changed). `from` defaults to the contact’s SMS From choice; without one an SMS is refused with ' +
      '"Select a From number in SMS Setting". Placeholders: {{contact.first_name}}, {{contact.last_name}}, {{contact.full_name}}, {{contact.phone}}, ' +
      '{{contact.email}}, {{contact.company}}, each optionally with a fallback: {{contact.first_name|there}}. Send a `clientMessageId` so a retried request sends nothing twice. ' +
      'Send later (F38): `scheduledAt` — an instant with its UTC offset, at least 30 seconds and at most a year ahead — stores the message `scheduled` ' +
      '(with `schedule` in the view); at its time Do Not Contact, opt-out, the contact and the From number are checked again and it is queued, or ends ' +
      '`canceled` with `schedule.cancelReason`. `cancelIfReplied: true` cancels it if the contact writes in first. See GET /scheduled-messages.',
  })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(SendMessageDto)
  @ApiView(
    HttpStatus.ACCEPTED,
    'MessageView',
    'the stored message, status queued — or scheduled, with scheduledAt (or the earlier message with the same clientMessageId)',
  )
  @ApiErrors(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.CONFLICT,
    HttpStatus.PAYLOAD_TOO_LARGE,
    HttpStatus.UNPROCESSABLE_ENTITY,
    HttpStatus.NOT_IMPLEMENTED,
  )
  send(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) contactId: string,
    @Body() message: SendMessageDto,
  ): Promise<MessageView> {
    return this.messaging.request(MessagingSubjects.send, ctx, { contactId, message });
  }

  @Get('contacts/:id/messages')
  @ApiOperation({ summary: 'The contact’s messages, newest first; pass `nextCursor` as `cursor` for older ones (F14)' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiQueryOf(MessagesPageQueryDto, { cursor: 'the `nextCursor` of the previous page', limit: 'page size, 1–100 (default 30)' })
  @ApiView(HttpStatus.OK, 'MessagePage')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  list(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) contactId: string,
    @Query() page: MessagesPageQueryDto,
  ): Promise<Page<MessageView>> {
    return this.messaging.request(MessagingSubjects.messagesList, ctx, { contactId, ...page });
  }

  @Get('contacts/:id/sms-from')
  @ApiOperation({ summary: 'The contact’s SMS Setting: the chosen From number and the contact’s number (F31)' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiView(HttpStatus.OK, 'SmsFromView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  smsFrom(@CallerContext() ctx: RequestContext, @Param('id', CONTACT_ID) contactId: string): Promise<SmsFromView> {
    return this.messaging.request(MessagingSubjects.smsFromGet, ctx, { contactId });
  }

  @Put('contacts/:id/sms-from')
  @ApiOperation({ summary: 'Choose the contact’s SMS From number (one of GET /numbers that can send SMS), or null to clear it (F31)' })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(SetSmsFromDto)
  @ApiView(HttpStatus.OK, 'SmsFromView')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  setSmsFrom(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) contactId: string,
    @Body() body: SetSmsFromDto,
  ): Promise<SmsFromView> {
    return this.messaging.request(MessagingSubjects.smsFromSet, ctx, { contactId, from: body.from });
  }

  @Post('messages/:id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a failed or undelivered message again (F40); repeated clicks start one new attempt only' })
  @ApiParam({ name: 'id', description: 'message id' })
  @ApiView(HttpStatus.ACCEPTED, 'MessageView', 'the message, queued again')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  retry(@CallerContext() ctx: RequestContext, @Param('id', MESSAGE_ID) messageId: string): Promise<MessageView> {
    return this.messaging.request(MessagingSubjects.retry, ctx, { messageId });
  }
}
