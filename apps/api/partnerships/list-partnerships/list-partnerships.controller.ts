import { Authenticated, type Caller, CurrentCaller, isPlatformAdmin } from '@accord/identity';
import { type FieldError, invalidFields } from '@accord/platform';
import { decodeCursor, PARTNERSHIP_PAGE, PARTNERSHIP_PAGE_LIMIT } from '@accord/read-models';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { parseReadQuery } from '../shared/read-query';
import { ReadController, ReadRoute } from '../shared/read-route';
import { ReadsController } from '../shared/reads-controller';
import { PartnershipListResponse } from './list-partnerships.response.dto';

@ReadController()
export class ListPartnershipsController extends ReadsController {
  @Get()
  @Authenticated()
  @ReadRoute(
    "The partnerships of the caller's organisation (every one for the platform admin)",
    false,
  )
  @ApiQuery({
    name: 'limit',
    required: false,
    type: Number,
    description: '1 to 500; 100 unless given',
  })
  @ApiQuery({
    name: 'after',
    required: false,
    type: String,
    description: 'The `next` of the page before',
  })
  @ApiOkResponse({ type: PartnershipListResponse })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
  ): Promise<PartnershipListResponse> {
    const page = parsePage(query);
    const { minPosition } = parseReadQuery(query, ['minPosition'], new Date());
    await this.readYourWrites.after(minPosition);
    if (isPlatformAdmin(caller)) return this.reads.list(null, page);
    // Someone of no organisation who is not the operator is party to nothing.
    if (caller.organisationId === null) return { items: [], next: null };
    return this.reads.list(caller.organisationId, page);
  }
}

/** `limit` (1–500, 100 unless given) and `after` (the `next` of the page before). */
function parsePage(query: Record<string, unknown>): { limit: number; after?: string } {
  const problems: FieldError[] = [];
  let limit = PARTNERSHIP_PAGE;
  if (query.limit !== undefined) {
    const value =
      typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : 0;
    if (value >= 1 && value <= PARTNERSHIP_PAGE_LIMIT) limit = value;
    else {
      problems.push({
        field: 'limit',
        code: 'invalid_limit',
        message: `limit must be a whole number from 1 to ${PARTNERSHIP_PAGE_LIMIT}`,
      });
    }
  }
  const after = query.after;
  if (after !== undefined && (typeof after !== 'string' || decodeCursor(after) === undefined)) {
    problems.push({
      field: 'after',
      code: 'invalid_cursor',
      message: 'after must be the next value of a previous page',
    });
  }
  if (problems.length > 0) throw invalidFields(problems);
  return { limit, ...(typeof after === 'string' ? { after } : {}) };
}
