import { useId, useState, type ReactNode } from 'react';
import { Icon } from './icons';

/** The first letter of the name in a small circle (F1, F12). */
export function Avatar({ name, size }: { name: string; size?: 'small' }) {
  const initial = (name.trim()[0] ?? '?').toLocaleUpperCase();
  return (
    <span className={size === 'small' ? 'cv-avatar cv-avatar--small' : 'cv-avatar'} aria-hidden="true">
      {initial}
    </span>
  );
}

/** A collapsible section of the details panel. */
export function Section({
  title,
  children,
  defaultOpen = true,
  testId,
}: {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  return (
    <section className="cv-section" data-testid={testId}>
      <h3 style={{ margin: 0, fontSize: 'inherit' }}>
        <button type="button" className="cv-section-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {title}
          <Icon name="chevron-down" />
        </button>
      </h3>
      <div id={bodyId} className="cv-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'warning' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`cv-notice cv-notice--${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** What a panel or section shows when its back end is not deployed or not answering. Never fake data. */
export function Unavailable({ what, detail }: { what: string; detail?: string }) {
  return (
    <div className="cv-empty" data-testid="unavailable">
      <Icon name="cloud-off" size={28} />
      <strong>{what} unavailable</strong>
      <span>{detail ?? 'This part of Conversations is not available right now. Try again later.'}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="cv-empty">
      <strong>{title}</strong>
      {children ? <span>{children}</span> : null}
    </div>
  );
}

/** Placeholder rows of a fixed height, so nothing shifts when the data arrives. */
export function SkeletonRows({ count = 6, height = 56 }: { count?: number; height?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} style={{ height, display: 'flex', alignItems: 'center', gap: 12, padding: '0 16px' }}>
          <span className="cv-skeleton" style={{ width: 36, height: 36, borderRadius: '50%' }} />
          <span style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 6 }}>
            <span className="cv-skeleton" style={{ width: '60%', height: 10 }} />
            <span className="cv-skeleton" style={{ width: '40%', height: 10 }} />
          </span>
        </div>
      ))}
    </div>
  );
}

export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="cv-field">
      <span>{label}</span>
      {children}
      {error ? <small className="cv-field-error">{error}</small> : null}
    </label>
  );
}
