import { ContactsSubjects, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { TeamMembersService } from './team-members.service';

@Controller()
export class TeamMembersController {
  constructor(private readonly members: TeamMembersService) {}

  @RpcHandler(ContactsSubjects.teamMembersList)
  list({ ctx }: RpcRequestOf<typeof ContactsSubjects.teamMembersList>) {
    return this.members.list(ctx.tenantId);
  }

  @RpcHandler(ContactsSubjects.teamMembersGet)
  get({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.teamMembersGet>) {
    return this.members.get(ctx.tenantId, data.id);
  }
}
