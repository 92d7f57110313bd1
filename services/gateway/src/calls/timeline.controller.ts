import { CallsSubjects, MessagingSubjects, Page, RequestContext, TimelineItem, TimelineQueryDto } from '@conversations/contracts';
import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { CONTACT_ID } from '../contacts/contacts.controller';
import { ApiAuthenticated, ApiErrors, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { CallsClient, MessagingClient } from '../nats/service-client';
import { checkTimelineCursor, mergeTimelinePages } from './timeline-merge';

const DEFAULT_PAGE_SIZE = 30;

/** F14, F15, F17: a contact's messages and calls as one stream. */
@ApiTags('timeline')
@ApiAuthenticated()
@Controller()
export class TimelineController {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly calls: CallsClient,
  ) {}

  @Get('contacts/:id/timeline')
  @ApiOperation({
    summary: 'The contact’s messages and calls, newest first, in one stream (F14)',
    description:
      'Each item is `{kind: "message", message}` or `{kind: "call", call}` with its UTC instant `at`; grouping by day is the client’s, in the user’s time zone. ' +
      'Pass `nextCursor` as `before` for older items: every item comes exactly once and in order, even while new ones arrive.',
  })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiQueryOf(TimelineQueryDto, { before: 'the `nextCursor` of the previous page', limit: 'page size, 1–100 (default 30)' })
  @ApiView(HttpStatus.OK, 'TimelinePage')
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  async page(
    @CallerContext() ctx: RequestContext,
    @Param('id', CONTACT_ID) contactId: string,
    @Query() query: TimelineQueryDto,
  ): Promise<Page<TimelineItem>> {
    checkTimelineCursor(query.before);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = { contactId, limit, ...(query.before ? { cursor: query.before } : {}) };
    const [messages, calls] = await Promise.all([
      this.messaging.request(MessagingSubjects.messagesList, ctx, page),
      this.calls.request(CallsSubjects.listForContact, ctx, page),
    ]);
    return mergeTimelinePages(messages, calls, limit);
  }
}
