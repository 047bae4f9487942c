import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PasswordHasher } from '../passwords/password-hasher';
import { type SignInChannel, TokenService } from '../tokens/token.service';
import { callerOf, UsersRepository } from '../users/users.repository';
import { SignInLimiter } from './sign-in-limiter';

/** The one answer to every failed sign-in, so it cannot tell which part was wrong. */
export const BAD_CREDENTIALS = 'Invalid e-mail address or password';

@Injectable()
export class SignInService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly limiter: SignInLimiter,
  ) {}

  /**
   * Exchanges an e-mail address and password for an access token. An unknown address, a wrong
   * password and an account that cannot sign in do the same work and get the same answer.
   */
  async signIn(email: string, password: string, address: string, channel: SignInChannel = 'api') {
    const attempt = { email, address };
    await this.limiter.reserve(attempt);
    const user = await this.users.findCredentials(email);
    const matches = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !matches) throw new UnauthorizedException(BAD_CREDENTIALS);
    await this.limiter.succeeded(attempt);
    return this.tokens.issue(callerOf(user), channel);
  }
}
