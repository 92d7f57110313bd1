import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A signing secret, shown the one time the API answers it (create, rotate): copyable, with the plain
 * warning that it cannot be shown again. Focus lands on it, so a keyboard or screen-reader user meets it first.
 */
export function SecretOnce({ secret, children, onDone }: { secret: string; children?: ReactNode; onDone: () => void }) {
  const headingId = useId();
  const warningId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('copied');
    } catch {
      // No clipboard (a plain-http origin, a refused permission): the text is selected for Ctrl+C.
      input.current?.focus();
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <section className="settings-secret" aria-labelledby={headingId} data-testid="secret-once">
      <h3 id={headingId}>Signing secret</h3>
      <p id={warningId} className="settings-secret-warning">
        <strong>Copy it now: you will not see it again.</strong> Give it to your receiver’s Standard Webhooks verifier; if it is lost,
        rotate the secret.
      </p>
      <div className="settings-secret-row">
        <input
          ref={input}
          className="cv-input settings-secret-value"
          readOnly
          value={secret}
          aria-label="Signing secret"
          aria-describedby={warningId}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="cv-button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <span role="status" className="settings-muted">
        {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy.' : ''}
      </span>
      {children}
      <div>
        <button type="button" className="cv-button cv-button--primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
