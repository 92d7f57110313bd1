import { tenantScopedPlugin } from '@conversations/service-kit';
import { Schema } from 'mongoose';

export const TEAM_MEMBER_MODEL = 'TeamMember';

/** A user of the tenant; `_id` is the user id that appears as `sub` in their token. */
export interface TeamMemberDocument {
  _id: string;
  tenantId: string;
  name: string;
  email: string;
  phone: string | null;
  timeZone: string;
  role: 'admin' | 'user';
}

export const teamMemberSchema = new Schema<TeamMemberDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, immutable: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    phone: { type: String, default: null },
    timeZone: { type: String, default: 'UTC' },
    role: { type: String, enum: ['admin', 'user'], default: 'user' },
  },
  { collection: 'team_members', versionKey: false },
);
teamMemberSchema.plugin(tenantScopedPlugin);
teamMemberSchema.index({ tenantId: 1, name: 1 });
