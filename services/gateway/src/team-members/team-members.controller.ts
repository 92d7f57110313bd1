import { ContactsSubjects, RequestContext, TeamMemberView } from '@conversations/contracts';
import { Controller, Get, HttpStatus, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerContext } from '../auth/auth.decorators';
import { ApiAuthenticated, ApiErrors, ApiView, ApiViewList } from '../docs/api-decorators';
import type { GatewayRequest } from '../http/gateway-request';
import { ContactsClient } from '../nats/service-client';

/** The account's users: assignment choices (F19) and the signed-in user's own record (name, time zone). */
@ApiTags('team members')
@ApiAuthenticated()
@Controller()
export class TeamMembersController {
  constructor(private readonly contacts: ContactsClient) {}

  @Get('team-members')
  @ApiOperation({ summary: 'Every team member of the account, by name' })
  @ApiViewList('TeamMemberView')
  @ApiErrors()
  list(@CallerContext() ctx: RequestContext): Promise<TeamMemberView[]> {
    return this.contacts.request(ContactsSubjects.teamMembersList, ctx, {});
  }

  @Get('me')
  @ApiOperation({
    summary: 'The signed-in user (their time zone drives the timeline’s dates, F14)',
    description: '`role` is the one this request acts with: the access token’s, which the gateway enforces (#19).',
  })
  @ApiView(HttpStatus.OK, 'TeamMemberView')
  @ApiErrors(HttpStatus.NOT_FOUND)
  async me(@CallerContext() ctx: RequestContext, @Req() request: GatewayRequest): Promise<TeamMemberView> {
    const member = await this.contacts.request(ContactsSubjects.teamMembersGet, ctx, { id: ctx.userId });
    return { ...member, role: request.caller?.role ?? member.role };
  }
}
