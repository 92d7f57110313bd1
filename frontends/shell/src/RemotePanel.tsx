import type { PanelProps } from '@conversations/panel-bus';
import { Component, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { loadPanel } from './remotes';
import type { RemoteName } from './runtime-config';

interface Loaded {
  Panel?: ComponentType<PanelProps>;
  error?: unknown;
}

/**
 * One panel, loaded from its own deployment at run time. If the remote is down or throws, only this panel
 * shows the error with Retry; the other panels keep working.
 */
export function RemotePanel({ name, label, props }: { name: RemoteName; label: string; props: PanelProps }) {
  const [attempt, setAttempt] = useState(0);
  // What the last load brought, and which load it was: a new name or a Retry shows loading until its own ends.
  const [outcome, setOutcome] = useState<{ name: RemoteName; attempt: number; loaded: Loaded } | null>(null);
  useEffect(() => {
    let current = true;
    loadPanel(name, attempt > 0).then(
      (Panel) => current && setOutcome({ name, attempt, loaded: { Panel } }),
      (error: unknown) => current && setOutcome({ name, attempt, loaded: { error } }),
    );
    return () => {
      current = false;
    };
  }, [name, attempt]);
  const loaded = outcome?.name === name && outcome.attempt === attempt ? outcome.loaded : {};
  const retry = () => setAttempt((value) => value + 1);

  if (loaded.error) return <PanelFailure label={label} onRetry={retry} />;
  if (!loaded.Panel) return <PanelLoading label={label} />;
  return (
    <PanelErrorBoundary key={attempt} fallback={<PanelFailure label={label} onRetry={retry} />}>
      <loaded.Panel {...props} />
    </PanelErrorBoundary>
  );
}

class PanelErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A panel failed while rendering', error);
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function PanelFailure({ label, onRetry }: { label: string; onRetry: () => void }) {
  return (
    <div className="shell-panel-state" role="alert" data-testid="panel-error">
      <strong>The {label} panel could not be loaded.</strong>
      <span>The rest of Conversations still works. Check your connection and try again.</span>
      <button type="button" className="cv-button cv-button--primary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

function PanelLoading({ label }: { label: string }) {
  return (
    <div className="shell-panel-state" aria-busy="true" aria-label={`Loading ${label}`}>
      <span className="shell-spinner" />
    </div>
  );
}
