import { CallsSubjects, CallView, ErrorCodes, ListCallsQueryDto, Page, RequestContext, StartCallDto } from '@conversations/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { CONTACT_ID } from '../contacts/contacts.controller';
import { ApiAuthenticated, ApiErrors, ApiJsonBody, ApiQueryOf, ApiView } from '../docs/api-decorators';
import { ObjectIdPipe } from '../http/object-id.pipe';
import { CallsClient } from '../nats/service-client';

export const CALL_ID = new ObjectIdPipe(ErrorCodes.CALL_NOT_FOUND, 'Call');

/** The Calls tab (F8, F9) and click-to-call (F13). */
@ApiTags('calls')
@ApiAuthenticated()
@Controller()
export class CallsController {
  constructor(private readonly calls: CallsClient) {}

  @Get('calls')
  @ApiOperation({
    summary: 'Recent calls, newest first, or searched by contact name or phone (F8, F9)',
    description:
      '`search` matches name words by prefix (any case or accents) or a phone number in any format. Cursor pages: pass `nextCursor` back as `cursor`.',
  })
  @ApiQueryOf(ListCallsQueryDto, {
    search: 'name words or a phone number',
    cursor: 'the `nextCursor` of the previous page',
    limit: 'page size, 1–100 (default 25)',
  })
  @ApiView(HttpStatus.OK, 'CallPage')
  @ApiErrors(HttpStatus.UNPROCESSABLE_ENTITY)
  list(@CallerContext() ctx: RequestContext, @Query() query: ListCallsQueryDto): Promise<Page<CallView>> {
    return this.calls.request(CallsSubjects.list, ctx, query);
  }

  @Get('calls/:id')
  @ApiOperation({ summary: 'One call' })
  @ApiParam({ name: 'id', description: 'call id' })
  @ApiView(HttpStatus.OK, 'CallView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CallerContext() ctx: RequestContext, @Param('id', CALL_ID) callId: string): Promise<CallView> {
    return this.calls.request(CallsSubjects.get, ctx, { callId });
  }

  @Post('contacts/:id/calls')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Call the contact (click-to-call, F13)',
    description:
      'The carrier first rings the signed-in user’s phone (their team member profile); when they answer it dials the contact, ' +
      'showing `from` as caller id, and records the call when the account records calls. The call’s progress arrives as evt.calls.updated. ' +
      'Refused with 409 DND_BLOCKED when the contact has Do Not Contact for calls or all channels: nothing is dialled.',
  })
  @ApiParam({ name: 'id', description: 'contact id' })
  @ApiJsonBody(StartCallDto)
  @ApiView(HttpStatus.CREATED, 'CallView', 'the call, status initiated')
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.BAD_GATEWAY)
  start(@CallerContext() ctx: RequestContext, @Param('id', CONTACT_ID) contactId: string, @Body() body: StartCallDto): Promise<CallView> {
    return this.calls.request(CallsSubjects.start, ctx, { contactId, from: body.from });
  }
}
