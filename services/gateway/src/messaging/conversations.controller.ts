import {
  ConversationView,
  ErrorCodes,
  ListConversationsQueryDto,
  MessagingSubjects,
  Page,
  RequestContext,
  SenderNumberView,
} from '@conversations/contracts';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiQueryOf, ApiView, ApiViewList } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { MessagingClient } from '../nats/service-client';

const CONVERSATION_ID = new ObjectIdPipe(ErrorCodes.CONVERSATION_NOT_FOUND, 'Conversation');

/** The Chat tab (F6, F7, F11) and the tenant's numbers (F31). */
@ApiTags('conversations')
@ApiAuthenticated()
@Controller()
export class ConversationsController {
  constructor(private readonly messaging: MessagingClient) {}

  @Get('conversations')
  @ApiOperation({
    summary: 'Recent conversations, newest activity first, or searched by contact name or phone (F6, F7)',
    description:
      '`search` matches name words by prefix (any case or accents) or a phone number in any format. Cursor pages: pass `nextCursor` back as `cursor`.',
  })
  @ApiQueryOf(ListConversationsQueryDto, {
    search: 'name words or a phone number',
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 25)',
  })
  @ApiView(HttpStatus.OK, 'ConversationPage')
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListConversationsQueryDto): Promise<Page<ConversationView>> {
    return this.messaging.request(MessagingSubjects.conversationsList, ctx, query);
  }

  @Post('conversations/:id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark the conversation read: its unread count becomes 0 (F11)' })
  @ApiParam({ name: 'id', description: 'conversation id' })
  @ApiView(HttpStatus.OK, 'ConversationView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  markRead(@CallerContext() ctx: RequestContext, @Param('id', CONVERSATION_ID) conversationId: string): Promise<ConversationView> {
    return this.messaging.request(MessagingSubjects.conversationsMarkRead, ctx, { conversationId });
  }

  @Get('numbers')
  @ApiOperation({ summary: 'The account’s phone numbers and what each can do (sms, whatsapp, voice): the From dropdown (F31)' })
  @ApiViewList('SenderNumberView')
  @ApiErrors()
  numbers(@CallerContext() ctx: RequestContext): Promise<SenderNumberView[]> {
    return this.messaging.request(MessagingSubjects.numbersList, ctx, {});
  }
}
