import { Authenticated, Caller, CurrentCaller, UsersService } from '@accord/identity';
import { ErrorResponse } from '@accord/platform';
import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { MeResponse } from './me.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Who the caller is: their organisation and roles' })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    return this.users.profile(caller);
  }
}
