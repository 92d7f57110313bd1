import type { PanelProps } from '@conversations/panel-bus';
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import type { ComponentType } from 'react';
import type { RemoteName, RuntimeConfig } from './runtime-config';

let registered: RuntimeConfig | null = null;

/** Tells the federation runtime where each panel is deployed this time (from remotes.json). */
export function registerPanelRemotes(config: RuntimeConfig): void {
  registered = config;
  registerRemotes(Object.entries(config.remotes).map(([name, entry]) => ({ name, entry })));
}

/**
 * The remote's exposed `./Panel`. `retry` re-registers the remote first, which drops the runtime's cached
 * failure, so Retry really asks the network again.
 */
export async function loadPanel(name: RemoteName, retry: boolean): Promise<ComponentType<PanelProps>> {
  if (retry && registered) registerRemotes([{ name, entry: registered.remotes[name] }], { force: true });
  const module = await loadRemote<{ default: ComponentType<PanelProps> }>(`${name}/Panel`);
  if (!module?.default) throw new Error(`The ${name} panel did not load.`);
  return module.default;
}
