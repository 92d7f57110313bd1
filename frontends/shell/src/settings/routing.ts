/** The settings routes: `/settings/webhooks` (the endpoint list) and `/settings/webhooks/:endpointId` (one endpoint). */
export const WEBHOOKS_SETTINGS_PATH = '/settings/webhooks';

const SETTINGS_ROUTE = /^\/settings\/webhooks(?:\/([^/?#]+))?\/?$/;

export function isSettingsPath(pathname: string): boolean {
  return SETTINGS_ROUTE.test(pathname);
}

export function endpointIdOfPath(pathname: string): string | null {
  const match = SETTINGS_ROUTE.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function pathOfEndpoint(endpointId: string | null): string {
  return endpointId ? `${WEBHOOKS_SETTINGS_PATH}/${encodeURIComponent(endpointId)}` : WEBHOOKS_SETTINGS_PATH;
}
