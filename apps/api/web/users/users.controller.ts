import { Authorize, type Caller, CurrentCaller, UsersService } from '@accord/identity';
import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { bannerFor } from '../forms/web-forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';
import { ROLE_WORDS } from './user.forms';

/**
 * `/users`: an organisation's admin adds and erases its people, through the API's own
 * UsersService (the same rules: roles that fit the organisation, no erasing oneself).
 */
@PageController('users')
@Authorize({ kind: 'organisation_admin' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @CurrentCaller() caller: Caller,
    @Query('done') done: unknown,
    @Res() response: Response,
  ) {
    const people = await this.users.list(caller);
    await this.pages.send(
      response,
      200,
      'users',
      {
        title: 'Users',
        banner: bannerFor(done),
        people: people.map((person) => ({
          name: person.name,
          email: person.email,
          roles: person.roles.map((role) => (ROLE_WORDS[role] ?? role).split(':')[0]).join(', '),
          erase:
            person.id === caller.userId
              ? undefined
              : `/users/${encodeURIComponent(person.id)}/erase`,
        })),
      },
      caller,
    );
  }
}
