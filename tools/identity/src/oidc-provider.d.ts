// oidc-provider ships no TypeScript types (DefinitelyTyped's @types/oidc-provider is not a dependency here):
// these are the parts of its 9.x API this project calls, written from the library's source.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { JWK } from 'jose';

  /** The slice of Koa's context (plus oidc-provider's `ctx.oidc`) the configuration's functions touch. */
  export interface KoaContextWithOIDC {
    method: string;
    path: string;
    status: number;
    type: string;
    body: unknown;
    set(field: string, value: string): void;
    oidc: { client?: Client; route?: string };
  }

  export interface Client {
    clientId: string;
    clientName?: string;
    redirectUris: string[];
  }

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface AccessTokenLike {
    accountId?: string;
    clientId?: string;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg: string; kid?: string } };
  }

  export interface ClientMetadata {
    client_id: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    token_endpoint_auth_method?: string;
    response_types?: string[];
    grant_types?: string[];
    application_type?: 'web' | 'native';
    id_token_signed_response_alg?: string;
    client_name?: string;
  }

  export interface CookieOptions {
    httpOnly?: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
    secure?: boolean;
    path?: string;
  }

  type Ttl = number | ((ctx: KoaContextWithOIDC, token: unknown, client: Client) => number);

  export interface Configuration {
    clients: ClientMetadata[];
    clientDefaults?: Partial<ClientMetadata>;
    jwks: { keys: JWK[] };
    cookies: { keys: string[]; long?: CookieOptions; short?: CookieOptions; names?: Record<string, string> };
    scopes?: string[];
    claims?: Record<string, string[] | null>;
    responseTypes?: string[];
    pkce?: { required(ctx: KoaContextWithOIDC, client: Client): boolean };
    enabledJWA?: { idTokenSigningAlgValues?: string[] };
    features: {
      devInteractions?: { enabled: boolean };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?(ctx: KoaContextWithOIDC, form: string): Promise<void> | void;
        postLogoutSuccessSource?(ctx: KoaContextWithOIDC): Promise<void> | void;
      };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?(ctx: KoaContextWithOIDC, client: Client, oneOf?: string[]): Promise<string | string[] | undefined> | string;
        useGrantedResource?(ctx: KoaContextWithOIDC, model: unknown): Promise<boolean> | boolean;
        getResourceServerInfo(
          ctx: KoaContextWithOIDC,
          resourceIndicator: string,
          client: Client,
        ): Promise<ResourceServerInfo> | ResourceServerInfo;
      };
      userinfo?: { enabled: boolean };
      [feature: string]: unknown;
    };
    interactions?: { url(ctx: KoaContextWithOIDC, interaction: Interaction): Promise<string> | string };
    findAccount(ctx: KoaContextWithOIDC, sub: string, token?: unknown): Promise<Account | undefined> | Account | undefined;
    extraTokenClaims?(ctx: KoaContextWithOIDC, token: AccessTokenLike): Promise<Record<string, unknown> | undefined>;
    clientBasedCORS?(ctx: KoaContextWithOIDC, origin: string, client: Client): boolean;
    renderError?(ctx: KoaContextWithOIDC, out: Record<string, string>, error: Error): Promise<void> | void;
    ttl?: Partial<Record<'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'Interaction' | 'Session' | 'Grant', Ttl>>;
  }

  export interface PromptDetail {
    name: 'login' | 'consent' | string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  }

  export interface Interaction {
    uid: string;
    prompt: PromptDetail;
    params: Record<string, string | undefined>;
    session?: { accountId: string; uid: string };
    grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (ctx: KoaContextWithOIDC, error: Error & { error?: string; error_description?: string }) => void): this;
  }

  export const errors: {
    OIDCProviderError: new (...args: unknown[]) => Error & { error: string; error_description?: string; statusCode: number };
    SessionNotFound: new (...args: unknown[]) => Error;
    InvalidTarget: new (description?: string) => Error;
  };
}
