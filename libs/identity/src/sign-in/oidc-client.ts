import type { OidcConfig } from '@accord/platform';
import * as oidc from 'openid-client';

/** What a sign-in keeps between sending the person to the provider and their coming back. */
export type OidcFlow = Readonly<{ state: string; nonce: string; verifier: string }>;

/** Who the provider says came back, as far as Accord reads it. */
export type OidcIdentity = Readonly<{ email: string | undefined; emailVerified: boolean }>;

/**
 * Why a sign-in through the provider stopped; each has its own page (SPEC §11).
 * - `state`: the callback is not the one this browser started (no flow, another state, expired);
 * - `refused`: the provider answered with an error (the person cancelled or was refused);
 * - `code`: the provider would not exchange the code (used already, expired, not ours);
 * - `token`: the ID token failed a check (signature, issuer, audience, expiry, nonce);
 * - `unavailable`: the provider could not be reached or answered as no provider should.
 */
export type OidcFailureReason = 'state' | 'refused' | 'code' | 'token' | 'unavailable';

export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How long the provider's discovery document is trusted before it is read again. */
const DISCOVERY_SECONDS = 60 * 60;
/** Each request to the provider; a person waits no longer than this for a page. */
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * The one place Accord speaks OpenID Connect, through openid-client (certified, kept), so no
 * token is ever checked by hand here: the authorisation code flow with PKCE (S256), `state` and
 * `nonce`, against the issuer's discovery document. openid-client is an ES module; Node loads it
 * from CommonJS from 20.19 on (require(esm)), and Jest compiles it (jest.config.js).
 */
export class OidcClient {
  private discovered: { at: number; config: Promise<oidc.Configuration> } | undefined;

  constructor(
    private readonly settings: OidcConfig,
    private readonly redirectUri: string,
  ) {}

  /** Where to send the person, and what to keep until they come back. */
  async begin(): Promise<{ url: string; flow: OidcFlow }> {
    const config = await this.configuration();
    const flow: OidcFlow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: 'openid email',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow };
  }

  /**
   * The identity the provider vouches for, from the callback's query and the flow this
   * browser started: the code is exchanged (with the PKCE verifier), the ID token's signature,
   * issuer, audience, expiry and nonce are checked by openid-client, and the e-mail claims come
   * from the ID token or, where it has none, from the userinfo endpoint.
   */
  async finish(query: URLSearchParams, flow: OidcFlow): Promise<OidcIdentity> {
    const config = await this.configuration();
    // openid-client sends the address it is given, less its query, as the redirect_uri: the one
    // registered, whatever address the request reached this process by.
    const callback = new URL(this.redirectUri);
    callback.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcFailure('token', 'the provider sent no ID token');
      if (typeof claims.email === 'string') return identityOf(claims);
      return identityOf(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub));
    } catch (error) {
      throw failureOf(error);
    }
  }

  /** The discovery document, read once an hour; a failed read is not kept, so the next retries. */
  private configuration(): Promise<oidc.Configuration> {
    const now = Date.now();
    if (this.discovered && now - this.discovered.at < DISCOVERY_SECONDS * 1000) {
      return this.discovered.config;
    }
    const issuer = new URL(this.settings.issuer);
    const config = oidc
      .discovery(
        issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        oidc.ClientSecretBasic(this.settings.clientSecret),
        {
          timeout: REQUEST_TIMEOUT_SECONDS,
          // Plain http only for an issuer on loopback, which the configuration alone lets in.
          execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        if (this.discovered?.config === config) this.discovered = undefined;
        throw failureOf(error);
      });
    this.discovered = { at: now, config };
    return config;
  }
}

/**
 * `email_verified` true, as the standard says. Microsoft Entra ID sends no `email_verified`;
 * its optional claim `xms_edov` (the e-mail's domain is verified by the tenant) says the same,
 * and is read only where `email_verified` is absent.
 */
export function identityOf(claims: Record<string, unknown>): OidcIdentity {
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const verified = claims.email_verified === undefined ? claims.xms_edov : claims.email_verified;
  return { email, emailVerified: verified === true };
}

/** openid-client's errors, as the reasons a person is shown. */
export function failureOf(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    return new OidcFailure('refused', `the provider answered ${error.error}`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) {
    // invalid_grant: the code was used already, has expired, or was issued to someone else.
    if (error.error === 'invalid_grant') {
      return new OidcFailure('code', 'the provider refused the code', { cause: error });
    }
    return new OidcFailure('unavailable', `the provider answered ${error.error}`, {
      cause: error,
    });
  }
  if (error instanceof oidc.ClientError) {
    switch (error.code) {
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
      case 'OAUTH_PARSE_ERROR':
      case 'OAUTH_INVALID_SERVER_METADATA':
      case 'OAUTH_MISSING_SERVER_METADATA':
      case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
        return new OidcFailure('unavailable', error.message, { cause: error });
      default:
        if (isFetchFailure(error)) break;
        return new OidcFailure('token', error.message, { cause: error });
    }
  }
  if (isFetchFailure(error)) {
    return new OidcFailure('unavailable', 'the provider could not be reached', { cause: error });
  }
  return new OidcFailure('token', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

/**
 * fetch's own failure to connect (refused, reset, no such host): a TypeError with no code, told
 * by its name, as fetch may belong to another realm than this module's TypeError (under Jest,
 * where openid-client then wraps it in a ClientError of no code).
 */
function isFetchFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as Error).name === 'TypeError' && !('code' in error)) return true;
  return (
    error instanceof oidc.ClientError && error.code === undefined && isFetchFailure(error.cause)
  );
}
