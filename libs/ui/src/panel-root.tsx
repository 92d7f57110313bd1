import { ApiClient, type ApiError } from '@conversations/api-client';
import type { PanelProps } from '@conversations/panel-bus';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

const ApiContext = createContext<ApiClient | null>(null);
const PanelPropsContext = createContext<PanelProps | null>(null);

/** Query clients of panels embedded without the shell, one per page. */
let ownQueryClient: QueryClient | null = null;

export function createPanelQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // "Unavailable" (404 route / 501 / 503) and validation answers will not change by asking again; a 429
        // the API client did not wait out is asked again when its wait ends (QueryError counts it down).
        retry: (failureCount, error) => failureCount < 2 && ![400, 401, 403, 404, 422, 429, 501, 503].includes((error as ApiError).status),
      },
    },
  });
}

/** The top of every panel: the shared query cache, the API client and the panel's outer box. */
export function PanelRoot({ props, name, children }: { props: PanelProps; name: string; children: ReactNode }) {
  const { apiBaseUrl, token, getToken, tenantId } = props;
  const client = useMemo(() => new ApiClient({ apiBaseUrl, token, getToken, tenantId }), [apiBaseUrl, token, getToken, tenantId]);
  const queryClient = useMemo(() => {
    if (props.queryClient) return props.queryClient as QueryClient;
    ownQueryClient ??= createPanelQueryClient();
    return ownQueryClient;
  }, [props.queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <ApiContext.Provider value={client}>
        <PanelPropsContext.Provider value={props}>
          <div className="cv-panel" data-panel={name}>
            {children}
          </div>
        </PanelPropsContext.Provider>
      </ApiContext.Provider>
    </QueryClientProvider>
  );
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside PanelRoot');
  return client;
}

export function usePanelProps(): PanelProps {
  const props = useContext(PanelPropsContext);
  if (!props) throw new Error('usePanelProps outside PanelRoot');
  return props;
}
