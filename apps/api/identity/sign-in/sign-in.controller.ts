import { Public, rateLimitAddress, SignInService, TooManySignInAttempts } from '@accord/identity';
import { ErrorResponse, ValidationErrorResponse } from '@accord/platform';
import {
  Body,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessTokenResponse, SignInRequest } from './sign-in.dto';

@ApiTags('identity')
@Controller('auth')
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange an e-mail address and password for an access token' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiBadRequestResponse({ type: ValidationErrorResponse, description: 'A field is missing' })
  @ApiUnauthorizedResponse({
    type: ErrorResponse,
    description: 'The e-mail address or password is wrong (one answer for either)',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many failed attempts for this account or from this address; see Retry-After',
  })
  @ApiServiceUnavailableResponse({ type: ErrorResponse })
  async login(
    @Body() body: SignInRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccessTokenResponse> {
    try {
      return await this.signIn.signIn(body.email, body.password, rateLimitAddress(request.ip));
    } catch (error) {
      if (!(error instanceof TooManySignInAttempts)) throw error;
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw new HttpException(
        'Too many sign-in attempts; try again later',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
