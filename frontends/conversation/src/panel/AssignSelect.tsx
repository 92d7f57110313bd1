import { SETTINGS_STALE_MS, queryKeys, useApi } from '@conversations/ui';
import { useQuery } from '@tanstack/react-query';
import type { useAssignment } from './use-assignment';

/** F19: Assign to nobody, the company, or a team member. */
export function AssignSelect({ assignment }: { assignment: ReturnType<typeof useAssignment> }) {
  const api = useApi();
  const team = useQuery({ queryKey: queryKeys.teamMembers(), queryFn: () => api.listTeamMembers(), staleTime: SETTINGS_STALE_MS });
  return (
    <label className="conversation-assign">
      <span>Assign</span>
      <select
        className="cv-select"
        value={assignment.choice}
        onChange={(event) => assignment.choose(event.target.value)}
        disabled={assignment.saving}
      >
        <option value="unassigned">Unassigned</option>
        <option value="company">Company</option>
        {(team.data ?? []).map((member) => (
          <option key={member.id} value={`user:${member.id}`}>
            {member.name}
          </option>
        ))}
      </select>
    </label>
  );
}
