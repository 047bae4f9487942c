import { Authorize, type Caller, CurrentCaller, OrganisationsService } from '@accord/identity';
import { ErrorResponse, ValidationErrorResponse } from '@accord/platform';
import { Body, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { BearerController } from '../bearer-controller';
import { CreatedResponse } from '../created.dto';
import {
  CreateOrganisationRequest,
  OrganisationListResponse,
  OrganisationResponse,
} from './organisation.dto';

@BearerController('identity', 'organisations')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Only the platform admin' })
@Authorize({ kind: 'platform_admin' })
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a consultancy or a council' })
  @ApiCreatedResponse({ type: CreatedResponse })
  @ApiBadRequestResponse({ type: ValidationErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The council already has one' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateOrganisationRequest,
  ): Promise<CreatedResponse> {
    return this.organisations.register(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'Every organisation' })
  @ApiOkResponse({ type: OrganisationListResponse })
  async list(): Promise<OrganisationListResponse> {
    const items: OrganisationResponse[] = await this.organisations.list();
    return { items };
  }
}
