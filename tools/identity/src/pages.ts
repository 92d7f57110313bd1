import { randomBytes } from 'node:crypto';

/** What the provider's own pages (sign-in, sign-out, errors) need from a response: a status, headers, a body. */
export interface HtmlPage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const BAD_CREDENTIALS = 'That email and password do not match';

// System fonts, one centred card, contrast ≥ 7:1 for text and ≥ 4.5:1 for the button and the error, and a
// focus ring that is always visible. No external resources: the pages work offline and under a strict CSP.
const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; font-size: 100%; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f4f6; color: #111827; line-height: 1.5; }
  main { width: min(26rem, calc(100vw - 2rem)); margin: 2rem 0; padding: 2rem; background: #ffffff; border: 1px solid #d1d5db;
         border-radius: 0.75rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
  h1 { margin: 0 0 1.25rem; font-size: 1.5rem; line-height: 1.25; }
  p { margin: 0 0 1rem; }
  label { display: block; margin: 0 0 0.25rem; font-weight: 600; }
  input { display: block; width: 100%; margin: 0 0 1rem; padding: 0.625rem 0.75rem; font: inherit; color: inherit;
          background: #ffffff; border: 1px solid #6b7280; border-radius: 0.375rem; }
  input[aria-invalid='true'] { border-color: #b91c1c; }
  button { display: block; width: 100%; padding: 0.625rem 0.75rem; font: inherit; font-weight: 600; color: #ffffff;
           background: #1d4ed8; border: 1px solid #1d4ed8; border-radius: 0.375rem; cursor: pointer; }
  button:hover { background: #1e40af; }
  :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  button:focus-visible { outline-color: #111827; }
  .error { padding: 0.625rem 0.75rem; color: #991b1b; background: #fef2f2; border: 1px solid #fca5a5; border-radius: 0.375rem; }
  .hint { margin: 1.25rem 0 0; font-size: 0.875rem; color: #374151; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(options: { status: number; title: string; content: string; scriptNonce?: string }): HtmlPage {
  const scripts = options.scriptNonce ? `'nonce-${options.scriptNonce}'` : `'none'`;
  return {
    status: options.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Nothing but this page's own inline style (and its one nonce'd script, if any); never framed, so the
      // password form cannot be overlaid by another site. (The authorize endpoint itself stays frameable for
      // the shell's silent renew with prompt=none, which never shows a page.)
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${scripts}; base-uri 'none'; frame-ancestors 'none'`,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Conversations</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${options.content}
</main>
</body>
</html>
`,
  };
}

export interface LoginPageOptions {
  /** Where the form posts: the interaction's own path, same origin. */
  action: string;
  /** The email typed last time (kept after a failed attempt). */
  email?: string;
  error?: string;
  /** Emails of the users whose password is the demo one, shown as a hint. */
  demoEmails: string[];
  demoPassword: string;
}

export function loginPage(options: LoginPageOptions): HtmlPage {
  const invalid = options.error ? ` aria-invalid="true" aria-describedby="sign-in-error"` : '';
  const error = options.error ? `<p class="error" id="sign-in-error" role="alert">${escapeHtml(options.error)}</p>\n` : '';
  const hint = options.demoEmails.length
    ? `<p class="hint">Demo users: ${options.demoEmails.map((email) => `<code>${escapeHtml(email)}</code>`).join(', ')} · password <code>${escapeHtml(options.demoPassword)}</code></p>`
    : '';
  return page({
    status: options.error ? 401 : 200,
    title: 'Sign in',
    content: `<h1>Sign in to Conversations</h1>
${error}<form method="post" action="${escapeHtml(options.action)}" novalidate>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required${options.email ? '' : ' autofocus'} value="${escapeHtml(options.email ?? '')}"${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${options.email ? ' autofocus' : ''}${invalid}>
<button type="submit">Sign in</button>
</form>
${hint}`,
  });
}

/** A plain page saying what happened and what to do, for errors and the end of a sign-out: never a stack trace. */
export function messagePage(status: number, title: string, message: string): HtmlPage {
  return page({ status, title, content: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>` });
}

/**
 * The sign-out step of RP-initiated logout: `form` is oidc-provider's (its action and xsrf token); `logout=yes`
 * ends the whole provider session, not only the app's grant, and the form submits itself. The button is there
 * for a browser without script.
 */
export function logoutPage(form: string): HtmlPage {
  const nonce = randomBytes(16).toString('base64');
  const fullLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return page({
    status: 200,
    title: 'Sign out',
    scriptNonce: nonce,
    content: `<h1>Signing you out…</h1>
${fullLogout}
<button type="submit" form="op.logoutForm">Sign out</button>
<script nonce="${nonce}">document.getElementById('op.logoutForm').submit();</script>`,
  });
}
