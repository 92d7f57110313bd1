import type { ConversationView } from '@conversations/contracts';
import { useApi } from '@conversations/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { conversationList } from './inbox-lists';
import { patchRows, type CachedPages } from './live-lists';

/**
 * F11: marks a conversation read: the badge goes at once; the server's count follows with its
 * evt.messaging.conversation-updated. Each conversation is marked once per last message, so opening it again
 * or a re-render asks nothing more. A refused mark puts the count back.
 */
export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  const marked = useRef(new Set<string>());
  return useCallback(
    (conversation: ConversationView) => {
      const marker = `${conversation.id}@${conversation.lastMessageAt}`;
      if (conversation.unreadCount === 0 || marked.current.has(marker)) return;
      marked.current.add(marker);
      const setUnread = (unreadCount: number) =>
        queryClient.setQueriesData<CachedPages<ConversationView>>(
          { queryKey: conversationList.all() },
          (data) =>
            data &&
            patchRows(
              data,
              (row) => row.id === conversation.id,
              (row) => ({ ...row, unreadCount }),
            ),
        );
      setUnread(0);
      api.markConversationRead(conversation.id).catch(() => {
        marked.current.delete(marker);
        setUnread(conversation.unreadCount);
      });
    },
    [api, queryClient],
  );
}

/**
 * F11: the open contact's conversation counts as read, however it was opened (any tab, a link), and so does
 * a message arriving while it is open.
 */
export function useMarkOpenConversationRead(
  conversations: readonly ConversationView[],
  contactId: string | null | undefined,
  markRead: (conversation: ConversationView) => void,
) {
  const open = conversations.find((conversation) => conversation.contactId === contactId && conversation.unreadCount > 0);
  useEffect(() => {
    if (open) markRead(open);
  }, [open, markRead]);
}
