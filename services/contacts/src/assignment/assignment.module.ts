import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { TeamMembersModule } from '../team-members/team-members.module';
import { AssignmentController } from './assignment.controller';

@Module({ imports: [ContactsModule, TeamMembersModule], controllers: [AssignmentController] })
export class AssignmentModule {}
