import { ApiError, messageOf } from '@conversations/api-client';
import { Notice, SkeletonRows, Unavailable, useApi } from '@conversations/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SearchBox } from './SearchBox';

/**
 * F8, F9: recent calls. The calls service is not deployed yet: the gateway has no /calls route, so this tab
 * says so rather than showing anything made up.
 */
export function CallsTab({ active }: { active: boolean }) {
  const api = useApi();
  const [typed, setTyped] = useState('');
  const query = useQuery({ queryKey: ['calls', 'probe'], queryFn: () => api.listCalls({ limit: 1 }), enabled: active, retry: false, staleTime: 60_000 });
  if (!active && query.isPending) return null;
  if (query.isPending) return <SkeletonRows />;
  if (query.error instanceof ApiError && query.error.isUnavailable)
    return <Unavailable what="Calls" detail="Call history is not available yet: the calls service is not running for this account." />;
  if (query.isError)
    return (
      <div style={{ padding: 16 }}>
        <Notice kind="error">{messageOf(query.error)}</Notice>
      </div>
    );
  return (
    <>
      <SearchBox placeholder="Search calls…" value={typed} onChange={setTyped} />
      <Unavailable what="Call list" detail="This version of the inbox cannot show call records yet." />
    </>
  );
}
