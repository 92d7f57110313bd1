import type { WebhookDeliveryStatus, WebhookDeliveryView, WebhookEndpointView } from '@conversations/contracts';
import { useApi } from '@conversations/ui';
import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

/** The settings page's query keys (its own prefix, so it never meets a panel's). */
export const webhookKeys = {
  all: () => ['webhooks'] as const,
  eventTypes: () => ['webhooks', 'event-types'] as const,
  endpoints: () => ['webhooks', 'endpoints'] as const,
  endpoint: (endpointId: string) => ['webhooks', 'endpoint', endpointId] as const,
  deliveries: (endpointId: string) => ['webhooks', 'deliveries', endpointId] as const,
  deliveryList: (endpointId: string, status: WebhookDeliveryStatus | null) => ['webhooks', 'deliveries', endpointId, status] as const,
  delivery: (endpointId: string, deliveryId: string) => ['webhooks', 'delivery', endpointId, deliveryId] as const,
};

export const ENDPOINTS_PAGE_SIZE = 50;
export const DELIVERIES_PAGE_SIZE = 25;
/** While a delivery of the log is pending, the log is asked for again this often (attempts are seconds apart at first). */
export const PENDING_REFRESH_MS = 2_000;

export function useEventTypes() {
  const api = useApi();
  return useQuery({ queryKey: webhookKeys.eventTypes(), queryFn: () => api.listWebhookEventTypes(), staleTime: Infinity });
}

export function useEndpoints() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: webhookKeys.endpoints(),
    queryFn: ({ pageParam }) => api.listWebhookEndpoints({ cursor: pageParam, limit: ENDPOINTS_PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useEndpoint(endpointId: string) {
  const api = useApi();
  return useQuery({ queryKey: webhookKeys.endpoint(endpointId), queryFn: () => api.getWebhookEndpoint(endpointId) });
}

export function useDeliveries(endpointId: string, status: WebhookDeliveryStatus | null) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveryList(endpointId, status),
    queryFn: ({ pageParam }) => api.listWebhookDeliveries(endpointId, { status, cursor: pageParam, limit: DELIVERIES_PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((delivery) => delivery.status === 'pending')) ? PENDING_REFRESH_MS : false,
  });
}

export function useDelivery(endpointId: string, deliveryId: string) {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.delivery(endpointId, deliveryId),
    queryFn: () => api.getWebhookDelivery(endpointId, deliveryId),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PENDING_REFRESH_MS : false),
  });
}

/** After a change to one endpoint: the one copy of it everywhere (its page and the list). */
export function useRememberEndpoint() {
  const queryClient = useQueryClient();
  return (endpoint: WebhookEndpointView) => rememberEndpoint(queryClient, endpoint);
}

export function rememberEndpoint(queryClient: QueryClient, endpoint: WebhookEndpointView): void {
  queryClient.setQueryData(webhookKeys.endpoint(endpoint.id), endpoint);
  void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints() });
}

/** A new delivery (test, resend): the log shows it at once, then follows it while it is pending. */
export function rememberDelivery(queryClient: QueryClient, delivery: WebhookDeliveryView): void {
  queryClient.setQueryData(webhookKeys.delivery(delivery.endpointId, delivery.id), delivery);
  void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(delivery.endpointId) });
}
