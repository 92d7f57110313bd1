import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TEAM_MEMBER_MODEL, teamMemberSchema } from './team-member.schema';
import { TeamMembersController } from './team-members.controller';
import { TeamMembersService } from './team-members.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: TEAM_MEMBER_MODEL, schema: teamMemberSchema }])],
  controllers: [TeamMembersController],
  providers: [TeamMembersService],
  exports: [TeamMembersService],
})
export class TeamMembersModule {}
