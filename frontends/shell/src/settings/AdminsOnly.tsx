import { ApiError } from '@conversations/api-client';
import { EmptyState } from '@conversations/ui';

/** What an agent sees here: the page's own words, before the API would answer 403 anyway. */
export function AdminsOnly() {
  return <EmptyState title="Only admins can manage webhooks">Ask an admin of this account to add or change webhook endpoints.</EmptyState>;
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
