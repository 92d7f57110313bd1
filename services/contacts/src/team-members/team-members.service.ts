import { ErrorCodes, teamMemberKey, TeamMemberView } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { TEAM_MEMBER_MODEL, TeamMemberDocument } from './team-member.schema';

const MAX_TEAM_SIZE = 1000;

@Injectable()
export class TeamMembersService {
  constructor(@InjectModel(TEAM_MEMBER_MODEL) private readonly members: Model<TeamMemberDocument>) {}

  async list(tenantId: string): Promise<TeamMemberView[]> {
    const members = await this.members.find({ tenantId }).sort({ name: 1 }).limit(MAX_TEAM_SIZE).lean<TeamMemberDocument[]>();
    return members.map(viewOf);
  }

  async get(tenantId: string, id: string): Promise<TeamMemberView> {
    const member = await this.members.findOne({ _id: teamMemberKey(tenantId, id), tenantId }).lean<TeamMemberDocument>();
    if (!member) throw DomainError.notFound(ErrorCodes.TEAM_MEMBER_NOT_FOUND, 'Team member');
    return viewOf(member);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return !!(await this.members.exists({ _id: teamMemberKey(tenantId, id), tenantId }));
  }
}

function viewOf(member: TeamMemberDocument): TeamMemberView {
  const { userId: id, name, email, phone, timeZone, role } = member;
  return { id, name, email, phone, timeZone, role };
}
