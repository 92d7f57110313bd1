import type { ConversationView, Page } from '@conversations/contracts';
import { queryKeys, useApi } from '@conversations/ui';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

/**
 * F11: marks a conversation read: the badge goes at once, the server's count follows. Each conversation is
 * marked once per last message, so opening it again or a re-render asks nothing more.
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
      queryClient.setQueriesData<InfiniteData<Page<ConversationView>>>({ queryKey: queryKeys.conversationList.all() }, (data) =>
        withoutUnread(data, conversation.id),
      );
      void api
        .markConversationRead(conversation.id)
        .catch(() => marked.current.delete(marker))
        .finally(() => queryClient.invalidateQueries({ queryKey: queryKeys.conversationList.all() }));
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

function withoutUnread(data: InfiniteData<Page<ConversationView>> | undefined, conversationId: string) {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === conversationId ? { ...item, unreadCount: 0 } : item)),
    })),
  };
}
