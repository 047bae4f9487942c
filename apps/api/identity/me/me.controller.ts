import { Authenticated, Caller, CurrentCaller, UsersService } from '@accord/identity';
import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { BearerController } from '../bearer-controller';
import { MeResponse } from './me.dto';

@BearerController('identity', 'me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Who the caller is: their organisation and roles' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    return this.users.profile(caller);
  }
}
