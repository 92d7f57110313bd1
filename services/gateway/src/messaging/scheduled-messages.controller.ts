import {
  ListScheduledMessagesQueryDto,
  MessageView,
  MessagingSubjects,
  Page,
  RequestContext,
  UpdateScheduledMessageDto,
} from '@conversations/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { MessagingClient } from '../nats/service-client';
import { MESSAGE_ID } from './messages.controller';

/**
 * F38: messages sent later. They are created by POST /contacts/:id/messages with `scheduledAt` and
 * show in the contact's messages and timeline like any message (status `scheduled`, sorted by when they
 * were scheduled); these routes list, change and cancel them until they go.
 */
@ApiTags('messages')
@ApiAuthenticated()
@Controller()
export class ScheduledMessagesController {
  constructor(private readonly messaging: MessagingClient) {}

  @Get('scheduled-messages')
  @ApiOperation({
    summary: 'The account’s scheduled messages that have not gone yet, soonest first, or one contact’s (F38)',
    description: 'Cursor pages: pass `nextCursor` back as `cursor`. A `contactId` of no contact of this account answers 404.',
  })
  @ApiQueryOf(ListScheduledMessagesQueryDto, {
    contactId: 'only this contact’s',
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 30)',
  })
  @ApiView(HttpStatus.OK, 'MessagePage')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListScheduledMessagesQueryDto): Promise<Page<MessageView>> {
    return this.messaging.request(MessagingSubjects.scheduledList, ctx, query);
  }

  @Patch('messages/:id')
  @ApiOperation({
    summary: 'Change a scheduled message’s text, time or cancel-if-replied before it goes (F38)',
    description:
      'The text is checked and its placeholders rendered again; a new `scheduledAt` must be at least 30 seconds and at most a year ahead. ' +
      '409 (MESSAGE_NOT_SCHEDULED, `details.status`) once it went or was canceled, or for a message that was not scheduled.',
  })
  @ApiParam({ name: 'id', description: 'message id' })
  @ApiJsonBody(UpdateScheduledMessageDto)
  @ApiView(HttpStatus.OK, 'MessageView', 'the scheduled message as changed')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY)
  update(
    @CallerContext() ctx: RequestContext,
    @Param('id', MESSAGE_ID) messageId: string,
    @Body() changes: UpdateScheduledMessageDto,
  ): Promise<MessageView> {
    return this.messaging.request(MessagingSubjects.scheduledUpdate, ctx, { messageId, changes });
  }

  @Post('messages/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a scheduled message before it goes (F38); canceling it again answers the same',
    description: 'It ends `canceled` (`schedule.cancelReason`: user). 409 (MESSAGE_NOT_SCHEDULED) once its sending started.',
  })
  @ApiParam({ name: 'id', description: 'message id' })
  @ApiView(HttpStatus.OK, 'MessageView', 'the message, canceled')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  cancel(@CallerContext() ctx: RequestContext, @Param('id', MESSAGE_ID) messageId: string): Promise<MessageView> {
    return this.messaging.request(MessagingSubjects.scheduledCancel, ctx, { messageId });
  }
}
