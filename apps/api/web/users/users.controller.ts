import {
  Authorize,
  type Caller,
  CurrentCaller,
  isPlatformAdmin,
  MIN_PASSWORD_LENGTH,
  ROLES_BY_KIND,
  UsersService,
} from '@accord/identity';
import {
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateUserRequest } from '../../identity/users/user.dto';
import { Act, FormFlow, type PageForm } from '../forms/form-flow';
import { bannerFor, PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer';

const ROLE_WORDS: Readonly<Record<string, string>> = {
  platform_admin: 'Platform admin: runs Accord itself',
  admin: 'Admin: manages its people and partnerships',
  director: 'Director: logs the partnership’s work',
  approver: 'Approver: verifies savings and signs milestones off',
  viewer: 'Viewer: reads progress and reports',
};

/**
 * `/users`: an organisation's admin adds and erases its people, through the API's own
 * UsersService (the same rules: roles that fit the organisation, no erasing oneself).
 */
@PageController('users')
@Authorize({ kind: 'organisation_admin' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly flow: FormFlow,
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

  @Get('new')
  newUser(@CurrentCaller() caller: Caller, @Res() response: Response) {
    return this.flow.show(response, caller, this.addForm(caller));
  }

  @Post('new')
  addUser(@CurrentCaller() caller: Caller, @Req() request: Request, @Res() response: Response) {
    return this.flow.submit(request, response, caller, this.addForm(caller));
  }

  @Get(':id/erase')
  async eraseForm(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ) {
    return this.flow.show(response, caller, await this.eraseFormOf(caller, id));
  }

  @Post(':id/erase')
  async erase(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    return this.flow.submit(request, response, caller, await this.eraseFormOf(caller, id));
  }

  private addForm(caller: Caller): PageForm {
    const kind = isPlatformAdmin(caller) ? 'none' : (caller.organisationKind ?? 'none');
    return {
      title: 'Add a person',
      caption: 'Users',
      fields: [
        { api: 'name', label: 'Full name', kind: 'text', autocomplete: 'off' },
        {
          api: 'email',
          label: 'E-mail address',
          kind: 'text',
          inputType: 'email',
          autocomplete: 'off',
        },
        {
          api: 'password',
          label: 'First password',
          kind: 'text',
          inputType: 'password',
          autocomplete: 'new-password',
          hint: `At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person or by phone.`,
        },
        {
          api: 'roles',
          label: 'Roles',
          kind: 'checkboxes',
          options: ROLES_BY_KIND[kind].map((role) => ({
            value: role,
            text: ROLE_WORDS[role] ?? role,
          })),
        },
      ],
      fixed: { organisationId: isPlatformAdmin(caller) ? null : caller.organisationId },
      dto: CreateUserRequest,
      submitText: 'Add a person',
      back: '/users',
      command: (api) =>
        new Act(async () => {
          await this.users.create(caller, api as unknown as CreateUserRequest);
          return undefined;
        }),
      done: () => '/users?done=user-added',
    };
  }

  private async eraseFormOf(caller: Caller, id: string): Promise<PageForm> {
    const person = (await this.users.list(caller)).find((user) => user.id === id);
    if (!person) throw new NotFoundException();
    return {
      title: 'Erase',
      caption: 'Users',
      about: [
        { key: 'Name', value: person.name },
        { key: 'E-mail address', value: person.email },
        {
          key: 'What happens',
          value:
            'Their name, e-mail address and password are blanked and they are signed out within ' +
            'seconds. What they did stays in the ledger, shown as done by an erased user.',
        },
      ],
      fields: [],
      dto: class NoFields {},
      submitText: 'Erase',
      back: '/users',
      command: () =>
        new Act(async () => {
          await this.users.erase(caller, id);
          return undefined;
        }),
      done: () => '/users?done=user-erased',
    };
  }
}
