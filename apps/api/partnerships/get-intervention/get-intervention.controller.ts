import { ForPartnership, Parties, type PartnershipParties } from '@accord/identity';
import { ErrorResponse } from '@accord/platform';
import { type InterventionPage } from '@accord/read-models';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  TIMELINE_PAGE as PAGE,
  PartnershipTimelineRequest as PageRequest,
} from '../../ledger/partnership-timeline/partnership-timeline.request.dto';
import { CanonicalId } from '../../ledger/shared/canonical-id.pipe';
import { ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';

@Controller('interventions')
@ApiTags('partnerships')
@ApiBearerAuth()
export class GetInterventionController extends ReadsController {
  @Get(':id')
  @ForPartnership('read', 'intervention')
  @ReadRoute(
    'An intervention with its capacity and a page of its savings, in the order they were ' +
      'logged (`after` the `next` of the page before, `limit` up to 500)',
    true,
  )
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The intervention and a page of its savings' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such intervention of yours' })
  async get(
    @Parties() parties: PartnershipParties,
    @Param('id', CanonicalId) id: string,
    @Query() query: PageRequest,
  ): Promise<InterventionPage> {
    await this.readYourWrites.after(query.minPosition);
    const page = await this.reads.interventionPage(parties.partnershipId, id, {
      after: query.after ?? 0,
      limit: query.limit ?? PAGE,
    });
    if (!page) throw new NotFoundException();
    return page;
  }
}
