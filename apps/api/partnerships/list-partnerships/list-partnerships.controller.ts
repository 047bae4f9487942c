import { Authenticated, type Caller, CurrentCaller, isPlatformAdmin } from '@accord/identity';
import { PartnershipReads } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadYourWrites } from '../shared/read-your-writes';
import { PartnershipListResponse } from './list-partnerships.response.dto';

@ReadController()
export class ListPartnershipsController {
  constructor(
    private readonly reads: PartnershipReads,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Authenticated()
  @ReadRoute(
    "The partnerships of the caller's organisation (every one for the platform admin)",
    false,
  )
  @ApiOkResponse({ type: PartnershipListResponse })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
  ): Promise<PartnershipListResponse> {
    const { minPosition } = parseReadQuery(query, ['minPosition'], new Date());
    await this.readYourWrites.after(minPosition);
    if (isPlatformAdmin(caller)) return this.reads.list(null);
    // Someone of no organisation who is not the operator is party to nothing.
    if (caller.organisationId === null) return { items: [] };
    return this.reads.list(caller.organisationId);
  }
}
