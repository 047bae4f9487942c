import {
  Authorize,
  isPlatformAdmin,
  MIN_PASSWORD_LENGTH,
  ROLES_BY_KIND,
  UsersService,
} from '@accord/identity';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { CreateUserRequest } from '../../identity/users/user.dto';
import { Act, type FormRequest, type FormRoute, pageForm } from '../forms/page-form';

export const ROLE_WORDS: Readonly<Record<string, string>> = {
  platform_admin: 'Platform admin: runs Accord itself',
  admin: 'Admin: manages its people and partnerships',
  director: 'Director: logs the partnership’s work',
  approver: 'Approver: verifies savings and signs milestones off',
  viewer: 'Viewer: reads progress and reports',
};

/** A confirmation asks nothing: a request class of no rules. */
class NoFields {}

const ADMIN = Authorize({ kind: 'organisation_admin' });

/** The Users page, where its forms come from and go back to. */
const USERS = { caption: 'Users', back: '/users' };

/** The person a form is about, among the caller's organisation's people. */
async function personOf(at: FormRequest) {
  const id = at.param('id');
  if (!isUUID(id)) throw new BadRequestException('Validation failed (uuid is expected)');
  const person = (await at.use(UsersService).list(at.caller)).find((user) => user.id === id);
  if (!person) throw new NotFoundException();
  return { ...USERS, person };
}

/**
 * An organisation's admin adds and erases its people through the API's own UsersService (the
 * same rules: roles that fit the organisation, no erasing oneself).
 */
export const USER_FORMS: readonly FormRoute[] = [
  pageForm({
    name: 'addUser',
    path: 'new',
    access: ADMIN,
    dto: CreateUserRequest,
    banner: ['user-added', 'User added'],
    load: async () => USERS,
    form: (_, at) => {
      const caller = at.caller;
      const kind = isPlatformAdmin(caller) ? 'none' : (caller.organisationKind ?? 'none');
      return {
        title: 'Add a person',
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
        command: (body) =>
          new Act(async () => {
            await at.use(UsersService).create(caller, body);
            return undefined;
          }),
      };
    },
  }),
  pageForm({
    name: 'eraseUser',
    path: ':id/erase',
    access: ADMIN,
    dto: NoFields,
    banner: ['user-erased', 'User erased'],
    load: personOf,
    form: ({ person }, at) => ({
      title: 'Erase',
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
      command: () =>
        new Act(async () => {
          await at.use(UsersService).erase(at.caller, person.id);
          return undefined;
        }),
    }),
  }),
];
