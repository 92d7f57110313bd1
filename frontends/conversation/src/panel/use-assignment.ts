import type { ContactView } from '@conversations/contracts';
import { useApi, useContactSaved } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';

/** The Assign choice as the select holds it: `unassigned`, `company` or `user:<id>`. */
export type AssignmentChoice = string;

export function assignmentChoiceOf(contact: ContactView): AssignmentChoice {
  return contact.assignment.type === 'user' ? `user:${contact.assignment.userId}` : contact.assignment.type;
}

/** F19: who the contact is assigned to; a change saves at once and every panel sees it. */
export function useAssignment(contact: ContactView) {
  const api = useApi();
  const saved = useContactSaved();
  const save = useMutation({
    mutationFn: (choice: AssignmentChoice) =>
      api.setAssignment(
        contact.id,
        choice.startsWith('user:') ? { type: 'user', userId: choice.slice(5) } : { type: choice as 'unassigned' | 'company' },
      ),
    onSuccess: saved,
  });
  return {
    /** The choice being saved, else the stored one. */
    choice: save.isPending ? save.variables : assignmentChoiceOf(contact),
    choose: (choice: AssignmentChoice) => save.mutate(choice),
    saving: save.isPending,
    error: save.error,
  };
}
