import { APP_CONFIG, type AppConfig } from '@accord/platform';
import { Inject, Injectable } from '@nestjs/common';
import { TokenService } from '../tokens/token.service';
import { callerOf, UsersRepository } from '../users/users.repository';
import { OidcClient, OidcFailure, type OidcFailureReason } from './oidc-client';
import { OidcFlowSeal } from './oidc-flow-seal';

/** Where the provider sends the person back to, under PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

/** Every reason a sign-in through the provider is refused, each with its own page. */
export type OidcRefusal = OidcFailureReason | 'unverified-email' | 'unknown-email';

export class OidcSignInRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Signing in with the organisation's account (SPEC §11): the provider vouches for a verified
 * e-mail address, and the Accord user with that address, not erased, gets the same access token
 * a password sign-in gives. No account is ever created here: an address Accord does not know is
 * refused.
 */
@Injectable()
export class OidcSignInService {
  private readonly client: OidcClient | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly seal: OidcFlowSeal,
  ) {
    this.client = config.oidc
      ? new OidcClient(config.oidc, `${config.publicUrl}${OIDC_CALLBACK_PATH}`)
      : undefined;
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  /** The provider's sign-in page, and the sealed flow for the browser to keep until it returns. */
  async begin(next: string): Promise<{ url: string; sealedFlow: string }> {
    const { url, flow } = await this.refusing(() => this.oidc().begin());
    return { url, sealedFlow: this.seal.seal(flow, next) };
  }

  /**
   * The access token for whoever the provider sent back with `query`, and where they were
   * going; refused (OidcSignInRefused) for every reason SPEC §11 names.
   */
  async finish(
    query: URLSearchParams,
    sealedFlow: string | undefined,
  ): Promise<{ token: ReturnType<TokenService['issue']>; next: string }> {
    const flow = this.seal.open(sealedFlow);
    if (!flow) {
      throw new OidcSignInRefused('state', 'no sign-in was started in this browser, or it expired');
    }
    // openid-client checks it too; checked first here so a foreign state is named as such.
    if (query.get('state') !== flow.state) {
      throw new OidcSignInRefused('state', 'the state does not match the sign-in started');
    }
    const identity = await this.refusing(() => this.oidc().finish(query, flow));
    if (!identity.email || !identity.emailVerified) {
      throw new OidcSignInRefused(
        'unverified-email',
        'the provider vouched for no verified e-mail',
      );
    }
    const user = await this.users.findCredentials(identity.email);
    if (!user) throw new OidcSignInRefused('unknown-email', 'no Accord user has that e-mail');
    return { token: this.tokens.issue(callerOf(user), 'web'), next: flow.next };
  }

  private oidc(): OidcClient {
    if (!this.client) throw new Error('OpenID Connect is not configured');
    return this.client;
  }

  private async refusing<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof OidcFailure) {
        throw new OidcSignInRefused(error.reason, error.message, { cause: error });
      }
      throw error;
    }
  }
}
