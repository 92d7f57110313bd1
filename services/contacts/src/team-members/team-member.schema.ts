import type { TeamRole } from '@conversations/contracts';
import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema } from 'mongoose';

export const TEAM_MEMBER_MODEL = 'TeamMember';

/** A user's membership of the tenant; `_id` is teamMemberKey(tenantId, userId), `userId` the `sub` of their token. */
export interface TeamMemberDocument {
  _id: string;
  tenantId: string;
  userId: string;
  name: string;
  email: string;
  phone: string | null;
  timeZone: string;
  role: TeamRole;
}

export const teamMemberSchema = new Schema<TeamMemberDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, immutable: true },
    userId: { type: String, required: true, immutable: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    phone: { type: String, default: null },
    timeZone: { type: String, default: 'UTC' },
    role: { type: String, enum: ['admin', 'agent'], default: 'agent' },
  },
  { collection: 'team_members', versionKey: false },
);
teamMemberSchema.plugin(tenantScopedPlugin);
teamMemberSchema.index({ tenantId: 1, name: 1 });
