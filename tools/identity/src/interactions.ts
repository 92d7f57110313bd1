import { errors, type Interaction, type Provider } from 'oidc-provider';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Accounts } from './accounts';
import { DEMO_PASSWORD } from './demo-users';
import { BAD_CREDENTIALS, loginPage, messagePage, type HtmlPage } from './pages';

const MAX_FORM_BYTES = 16 * 1024;
const INTERACTION_PATH = /^\/interaction\/([\w-]+)(\/login)?$/;

export interface InteractionRequest {
  provider: Provider;
  accounts: Accounts;
  logger: Logger;
  request: IncomingMessage;
  response: ServerResponse;
  /** The request's path (`/interaction/<uid>` or `/interaction/<uid>/login`). */
  path: string;
}

/**
 * The provider's interaction routes: `GET /interaction/<uid>` shows the sign-in form (or, when only consent
 * is missing, grants it: every client here is first-party, so there is no consent page), and
 * `POST /interaction/<uid>/login` checks the credentials. The interaction's own cookie, set by oidc-provider
 * for this uid, ties the form to the authorization request that started it.
 */
export async function handleInteraction(context: InteractionRequest): Promise<void> {
  const { request, response, logger } = context;
  try {
    const match = INTERACTION_PATH.exec(context.path);
    if (!match) return send(response, messagePage(404, 'Page not found', 'There is nothing here. Go back to the app and sign in again.'));
    const [, uid, login] = match;
    const details = await context.provider.interactionDetails(request, response);
    if (details.uid !== uid) return send(response, expiredPage());
    if (login) {
      if (request.method !== 'POST') return send(response, messagePage(405, 'Not allowed', 'Sign in with the form.'));
      return await submitLogin(context, details);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, messagePage(405, 'Not allowed', 'Sign in with the form.'));
    if (details.prompt.name === 'login') return send(response, signInPage(context, details));
    if (details.prompt.name === 'consent') return await grantConsent(context, details);
    return send(response, messagePage(400, 'This sign-in request cannot go on', 'Go back to the app and sign in again.'));
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return send(response, expiredPage());
    if (error instanceof FormTooLargeError)
      return send(response, messagePage(413, 'Too much data', 'The form sent more than a sign-in needs.'));
    logger.error({ err: error, path: context.path }, 'interaction failed');
    if (!response.headersSent) send(response, messagePage(500, 'Something went wrong', 'Go back to the app and sign in again.'));
    else response.destroy();
  }
}

function signInPage(context: InteractionRequest, details: Interaction, email?: string, error?: string): HtmlPage {
  return loginPage({
    action: `/interaction/${details.uid}/login`,
    email,
    error,
    demoEmails: context.accounts.emailsWithPassword(DEMO_PASSWORD),
    demoPassword: DEMO_PASSWORD,
  });
}

async function submitLogin(context: InteractionRequest, details: Interaction): Promise<void> {
  const { provider, accounts, logger, request, response } = context;
  if (details.prompt.name !== 'login') return grantConsent(context, details);
  const form = new URLSearchParams(await readBody(request));
  const email = form.get('email') ?? '';
  const user = accounts.authenticate(email, form.get('password') ?? '');
  if (!user) {
    logger.info({ interaction: details.uid, clientId: details.params.client_id }, 'sign-in refused');
    return send(response, signInPage(context, details, email, BAD_CREDENTIALS));
  }
  logger.info({ sub: user.sub, clientId: details.params.client_id }, 'signed in');
  await provider.interactionFinished(request, response, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

/** First-party clients get what they asked for: the missing scopes, claims and API resource, granted at once. */
async function grantConsent(context: InteractionRequest, details: Interaction): Promise<void> {
  const { provider, request, response } = context;
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (!accountId || !clientId) return send(response, expiredPage());
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function expiredPage(): HtmlPage {
  return messagePage(400, 'This sign-in has expired', 'Go back to the app and sign in again.');
}

function send(response: ServerResponse, page: HtmlPage): void {
  response.writeHead(page.status, page.headers).end(page.body);
}

class FormTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
