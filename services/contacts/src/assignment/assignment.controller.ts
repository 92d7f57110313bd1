import { ContactEventTypes, ContactsSubjects, RpcRequestOf, SetAssignmentDto } from '@conversations/contracts';
import { DomainError, RpcHandler, validateDto } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';
import { TeamMembersService } from '../team-members/team-members.service';

/** F19: a contact is unassigned, assigned to the company, or to one team member of the tenant. */
@Controller()
export class AssignmentController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly members: TeamMembersService,
  ) {}

  @RpcHandler(ContactsSubjects.assign)
  async assign({ ctx, data }: RpcRequestOf<typeof ContactsSubjects.assign>) {
    const assignment = validateDto(SetAssignmentDto, data.assignment);
    const userId = assignment.type === 'user' ? (assignment.userId as string) : null;
    if (userId && !(await this.members.exists(ctx.tenantId, userId))) {
      throw DomainError.validation({ userId: ['userId is not a team member of this account'] });
    }
    return this.contacts.applyChange(ctx, data.id, (current) =>
      current.assignment?.type === assignment.type && (current.assignment?.userId ?? null) === userId
        ? null
        : { set: { assignment: { type: assignment.type, userId } }, eventType: ContactEventTypes.assigned, viewFields: ['assignment'] },
    );
  }
}
