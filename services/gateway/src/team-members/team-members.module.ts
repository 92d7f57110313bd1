import { Module } from '@nestjs/common';
import { TeamMembersController } from './team-members.controller';

@Module({ controllers: [TeamMembersController] })
export class TeamMembersModule {}
