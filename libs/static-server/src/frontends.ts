import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from './server';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** The shell and its three remotes: each its own build, its own dist/, its own origin. */
export const FRONTENDS = [
  { project: 'shell', remote: null },
  { project: 'inbox', remote: 'inbox' },
  { project: 'conversation', remote: 'conversation' },
  { project: 'contact-details', remote: 'contact_details' },
] as const;
export type FrontendProject = (typeof FRONTENDS)[number]['project'];

/** Sources a frontend's build depends on: its own, and the shared libs it bundles. */
const SHARED_SOURCES = ['libs/ui/src', 'libs/api-client/src', 'libs/panel-bus/src', 'libs/contracts/src', 'frontends/webpack.common.js'];

function markerOf(project: FrontendProject): string {
  return join(distOf(project), project === 'shell' ? 'index.html' : 'mf-manifest.json');
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

export function distOf(project: FrontendProject): string {
  return join(WORKSPACE_ROOT, 'frontends', project, 'dist');
}

/** True when dist/ is missing or older than any source it is built from. */
export function needsBuild(project: FrontendProject): boolean {
  const marker = markerOf(project);
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const sources = [join('frontends', project, 'src'), join('frontends', project, 'webpack.config.js'), ...SHARED_SOURCES];
  return sources.some((source) => newestChange(join(WORKSPACE_ROOT, source)) > built);
}

/** Production builds, one after the other (webpack is CPU-hungry); only the stale ones unless `force`. */
export function buildFrontends(options: { force?: boolean; log?: (line: string) => void } = {}): void {
  for (const { project } of FRONTENDS) {
    if (!options.force && !needsBuild(project)) continue;
    options.log?.(`building frontends/${project}…`);
    const result = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
      cwd: join(WORKSPACE_ROOT, 'frontends', project),
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`building frontends/${project} failed:\n${result.stdout}${result.stderr}`);
    // webpack leaves files whose content did not change untouched; the marker's time records this build.
    const now = new Date();
    utimesSync(markerOf(project), now, now);
  }
}

export interface RunningFrontends {
  /** The one URL to open. */
  shellUrl: string;
  /** The pretend CRM page that embeds two panels without the shell (F35), pointed at these panels. */
  embedDemoUrl: string;
  servers: Record<FrontendProject | 'embed-demo', StaticServer>;
  /** Each remote's mf-manifest.json URL, as written in the shell's remotes.json. */
  remotes: Record<string, string>;
  close: () => Promise<void>;
}

/**
 * Serves every frontend on its own loopback port (0 = any free one). The shell's `/remotes.json` is
 * written here, at run time, from where the remotes actually listen and where the API is.
 */
export async function serveFrontends(options: {
  apiBaseUrl: string;
  ports?: Partial<Record<FrontendProject | 'embed-demo', number>>;
  remoteOverrides?: Record<string, string>;
  /** The identity provider the shell signs in with, and whether local sign-in is offered too (remotes.json). */
  signIn?: { auth?: { issuer: string; clientId: string }; devSignIn: boolean };
}): Promise<RunningFrontends> {
  const servers = {} as Record<FrontendProject | 'embed-demo', StaticServer>;
  const remotes: Record<string, string> = {};
  try {
    for (const { project, remote } of FRONTENDS) {
      if (!remote) continue;
      servers[project] = await serveStatic({ root: distOf(project), port: options.ports?.[project] ?? 0 });
      remotes[remote] = `${servers[project].url}/mf-manifest.json`;
    }
    Object.assign(remotes, options.remoteOverrides ?? {});
    const remotesJson = () => JSON.stringify({ apiBaseUrl: options.apiBaseUrl, remotes, ...options.signIn }, null, 2);
    servers.shell = await serveStatic({
      root: distOf('shell'),
      port: options.ports?.shell ?? 0,
      spaFallback: true,
      overrides: { '/remotes.json': remotesJson },
    });
    servers['embed-demo'] = await serveStatic({
      root: join(WORKSPACE_ROOT, 'frontends', 'embed-demo'),
      port: options.ports?.['embed-demo'] ?? 0,
    });
  } catch (error) {
    await Promise.all(Object.values(servers).map((server) => server.close()));
    throw error;
  }
  const embedQuery = new URLSearchParams({
    api: options.apiBaseUrl,
    conversation: servers.conversation.url,
    details: servers['contact-details'].url,
  });
  return {
    shellUrl: servers.shell.url,
    embedDemoUrl: `${servers['embed-demo'].url}/?${embedQuery}`,
    servers,
    remotes,
    close: async () => {
      await Promise.all(Object.values(servers).map((server) => server.close()));
    },
  };
}
