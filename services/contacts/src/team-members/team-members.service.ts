import { ErrorCodes, TeamMemberView } from '@conversations/contracts';
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
    const member = await this.members.findOne({ _id: id, tenantId }).lean<TeamMemberDocument>();
    if (!member) throw DomainError.notFound(ErrorCodes.TEAM_MEMBER_NOT_FOUND, 'Team member');
    return viewOf(member);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return !!(await this.members.exists({ _id: id, tenantId }));
  }
}

function viewOf(member: TeamMemberDocument): TeamMemberView {
  return { id: member._id, name: member.name, email: member.email, phone: member.phone, timeZone: member.timeZone, role: member.role };
}
