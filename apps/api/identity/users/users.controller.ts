import { Authorize, Caller, CurrentCaller, UsersService } from '@accord/identity';
import { ErrorResponse, invalidFields, ValidationErrorResponse } from '@accord/platform';
import {
  Body,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { BearerController } from '../bearer-controller';
import { CreatedResponse } from '../created.dto';
import { CreateUserRequest, ListUsersQuery, UserListResponse } from './user.dto';

@BearerController('identity', 'users')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' })
@ApiNotFoundResponse({
  type: ErrorResponse,
  description: 'No such organisation, or another organisation than an admin’s own',
})
@Authorize({ kind: 'organisation_admin' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a user: the platform admin in any organisation, an admin in their own',
  })
  @ApiCreatedResponse({ type: CreatedResponse })
  @ApiBadRequestResponse({
    type: ValidationErrorResponse,
    description: 'A bad field, or roles that do not fit the organisation (a council director)',
  })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The e-mail address is taken' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateUserRequest,
  ): Promise<CreatedResponse> {
    return this.users.create(caller, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List users: the platform admin every one (or one organisation’s), an admin their own',
  })
  @ApiOkResponse({ type: UserListResponse })
  @ApiBadRequestResponse({ type: ValidationErrorResponse })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListUsersQuery,
  ): Promise<UserListResponse> {
    return { items: await this.users.list(caller, query.organisationId) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Erase a person: name, e-mail and password blanked; their tokens stop working within 5 s',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'Not a user id' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'You cannot erase yourself' })
  async erase(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => invalidId() })) id: string,
  ): Promise<void> {
    await this.users.erase(caller, id.toLowerCase());
  }
}

function invalidId() {
  return invalidFields([{ field: 'id', code: 'isUuid', message: 'id must be a user id (a uuid)' }]);
}
