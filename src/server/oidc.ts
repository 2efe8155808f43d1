/**
 * OpenID Connect sign-in through the unified identity platform (统一身份认证, e.g. 浙政钉), with
 * `openid-client`: settings from the environment, the provider's metadata discovered once per
 * process (and again after a failure: the provider may have been down), the authorization request
 * (code flow with PKCE, state and nonce) and the verified claims of its answer.
 */
import * as client from 'openid-client';
import type { Claims } from '../core/identity.js';

export interface OidcSettings {
  /** Issuer identifier: discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret?: string;
  /** Registered at the provider; absent: derived from the request (`<origin>/api/v1/auth/oidc/callback`). */
  redirectUri?: string;
  /** The button's name: 「使用{name}登录」. */
  name: string;
  /** The claim whose value identifies a person: `sub` unless the platform's is another. */
  claim: string;
  scopes: string;
  /** A provider over plain http (a test, or an intranet without TLS): refused unless set. */
  allowHttp: boolean;
}

export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** The settings from PLANWATCH_OIDC_*; null (no OIDC sign-in) without an issuer and client id. */
export function oidcFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.PLANWATCH_OIDC_ISSUER?.trim();
  const clientId = env.PLANWATCH_OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) throw new Error('统一身份认证需要同时设置 PLANWATCH_OIDC_ISSUER 和 PLANWATCH_OIDC_CLIENT_ID');
  return {
    issuer,
    clientId,
    clientSecret: env.PLANWATCH_OIDC_CLIENT_SECRET || undefined,
    redirectUri: env.PLANWATCH_OIDC_REDIRECT_URI || undefined,
    name: env.PLANWATCH_OIDC_NAME?.trim() || '统一身份认证',
    claim: env.PLANWATCH_OIDC_CLAIM?.trim() || 'sub',
    scopes: env.PLANWATCH_OIDC_SCOPES?.trim() || 'openid profile',
    allowHttp: env.PLANWATCH_OIDC_ALLOW_HTTP === 'true' || env.PLANWATCH_OIDC_ALLOW_HTTP === '1',
  };
}

/** Why a sign-in did not finish: a code the login page words (web/src/i18n/accounts.ts). */
export type OidcFailure = 'state' | 'provider' | 'denied' | 'verify' | 'claim' | 'inactive';

export class OidcFailed extends Error {
  constructor(
    readonly code: OidcFailure,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export interface OidcClient {
  readonly settings: OidcSettings;
  /** The URL to send the browser to, and what the callback needs to check the answer. */
  start(redirectUri: string): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }>;
  /** The verified claims of the answer (ID token and userinfo), or OidcFailed. */
  finish(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Claims>;
}

export function oidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<client.Configuration> | undefined;
  const discover = (): Promise<client.Configuration> => {
    config ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? undefined : client.None(),
        settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        config = undefined;
        throw new OidcFailed('provider', `无法连接统一身份认证服务（${settings.issuer}）`, e);
      });
    return config;
  };

  return {
    settings,
    async start(redirectUri) {
      const c = await discover();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },
    async finish(callbackUrl, checks) {
      const c = await discover();
      const error = callbackUrl.searchParams.get('error');
      if (error)
        throw new OidcFailed(
          'denied',
          `统一身份认证未完成登录：${error} ${callbackUrl.searchParams.get('error_description') ?? ''}`.trim(),
        );
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(c, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (e) {
        // A fetch that never got an answer is the provider being down; anything else is an answer that failed its checks.
        const down = e instanceof TypeError || (e instanceof Error && e.cause instanceof TypeError);
        throw new OidcFailed(down ? 'provider' : 'verify', `统一身份认证的应答未通过校验：${(e as Error).message}`, e);
      }
      const idClaims = tokens.claims()!;
      let userinfo: Claims = {};
      if (c.serverMetadata().userinfo_endpoint) {
        try {
          userinfo = await client.fetchUserInfo(c, tokens.access_token, idClaims.sub);
        } catch (e) {
          throw new OidcFailed('provider', `无法读取统一身份认证的用户信息：${(e as Error).message}`, e);
        }
      }
      // The ID token's claims are verified; userinfo (same subject, checked) adds department, groups…
      return { ...userinfo, ...idClaims };
    },
  };
}
