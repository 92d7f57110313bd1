import { ContactsSubjects, RpcRequest } from '@conversations/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TeamMembersService } from './team-members.service';

@Controller()
export class TeamMembersController {
  constructor(private readonly members: TeamMembersService) {}

  @MessagePattern(ContactsSubjects.teamMembersList)
  list(@Payload() { ctx }: RpcRequest) {
    return this.members.list(ctx.tenantId);
  }

  @MessagePattern(ContactsSubjects.teamMembersGet)
  get(@Payload() { ctx, data }: RpcRequest<{ id: string }>) {
    return this.members.get(ctx.tenantId, String(data?.id ?? ''));
  }
}
