/** What the shell reads at run time from `/remotes.json` beside index.html: no remote is known at build time. */
export interface RuntimeConfig {
  /** Origin of the API gateway. */
  apiBaseUrl: string;
  /** Each remote's `mf-manifest.json` URL, by container name. */
  remotes: Record<RemoteName, string>;
}

export const REMOTE_NAMES = ['inbox', 'conversation', 'contact_details'] as const;
export type RemoteName = (typeof REMOTE_NAMES)[number];

/** Validates the file: a wrong deployment shows a clear message instead of a blank page. */
export function parseRuntimeConfig(value: unknown, pageOrigin: string): RuntimeConfig {
  const config = value as Partial<RuntimeConfig> | null;
  if (!config || typeof config !== 'object' || !config.remotes || typeof config.remotes !== 'object')
    throw new Error('remotes.json must be an object with "remotes"');
  const remotes = {} as Record<RemoteName, string>;
  for (const name of REMOTE_NAMES) {
    const entry = (config.remotes as Record<string, unknown>)[name];
    if (typeof entry !== 'string' || !entry) throw new Error(`remotes.json has no location for the "${name}" panel`);
    remotes[name] = new URL(entry, pageOrigin).toString();
  }
  const apiBaseUrl = typeof config.apiBaseUrl === 'string' && config.apiBaseUrl ? config.apiBaseUrl.replace(/\/+$/, '') : pageOrigin;
  return { apiBaseUrl, remotes };
}
