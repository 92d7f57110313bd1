import '@conversations/ui';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createUserManager, SILENT_CALLBACK_PATH } from './oidc';
import { registerPanelRemotes } from './remotes';
import { parseRuntimeConfig } from './runtime-config';
import './shell.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const response = await fetch('/remotes.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`remotes.json answered HTTP ${response.status}`);
    const config = parseRuntimeConfig(await response.json(), location.origin);
    // In the hidden frame of a silent renew: hand the provider's answer to the shell's page, nothing more.
    if (config.auth && location.pathname === SILENT_CALLBACK_PATH)
      return void (await createUserManager(config.auth).signinSilentCallback());
    registerPanelRemotes(config);
    root.render(<App config={config} />);
  } catch (error) {
    root.render(
      <div className="cv-panel shell-panel-state" role="alert">
        <strong>Conversations could not start.</strong>
        <span>{error instanceof Error ? error.message : String(error)}</span>
      </div>,
    );
  }
}

void start();
