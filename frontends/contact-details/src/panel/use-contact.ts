import type { ContactView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { useApi } from '@conversations/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

export const contactKey = (contactId: string) => ['contact', contactId] as const;

export function useContact(contactId: string) {
  const api = useApi();
  return useQuery({ queryKey: contactKey(contactId), queryFn: () => api.getContact(contactId) });
}

/** After any change: this cache, every list, and every panel see the new contact at once (F26). */
export function useContactSaved() {
  const queryClient = useQueryClient();
  return useCallback(
    (contact: ContactView) => {
      queryClient.setQueryData(contactKey(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      panelBus().publish('contact-updated', { contactId: contact.id });
    },
    [queryClient],
  );
}
