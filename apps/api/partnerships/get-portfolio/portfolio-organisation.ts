import { AccessRefusedError, type Caller, isPlatformAdmin, roleRefused } from '@accord/identity';
import { isId } from '@accord/ledger';
import { type FieldError, invalidFields } from '@accord/platform';
import { BadRequestException } from '@nestjs/common';
import { parseReadQuery, type ReadQuery } from '../shared/read-query';

export type PortfolioQuery = ReadQuery & { organisationId: string };

/**
 * `asOf`, `knownAt` and `minPosition` as every read takes them, and whose portfolio the caller
 * reads (SPEC §10): their own organisation's. A platform admin, who belongs to none, must name
 * one with `organisationId`; anyone else naming another organisation is told it is not found,
 * as a partnership outside their tenancy is. Every bad parameter is named in one 400.
 */
export function parsePortfolioQuery(
  caller: Caller,
  query: Readonly<Record<string, unknown>>,
  now: Date,
): PortfolioQuery {
  const problems: FieldError[] = [];
  let read: ReadQuery = {};
  try {
    read = parseReadQuery(query, ['asOf', 'knownAt', 'minPosition'], now);
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { details } = error.getResponse() as { details: { fields: FieldError[] } };
    problems.push(...details.fields);
  }
  const asked = query.organisationId;
  let organisationId: string | undefined;
  if (isPlatformAdmin(caller)) {
    if (asked === undefined || asked === '') {
      problems.push({
        field: 'organisationId',
        code: 'required',
        message: 'organisationId is required: a platform admin names whose portfolio to read',
      });
    } else if (!isId(asked)) {
      problems.push({
        field: 'organisationId',
        code: 'invalid_id',
        message: 'organisationId must be an organisation id (a uuid)',
      });
    } else {
      organisationId = asked.toLowerCase();
    }
  } else {
    // Someone of no organisation who is not the operator is party to nothing.
    if (caller.organisationId === null) throw roleRefused();
    organisationId = caller.organisationId;
  }
  if (problems.length > 0) throw invalidFields(problems);
  if (organisationId === undefined) throw roleRefused();
  if (
    !isPlatformAdmin(caller) &&
    asked !== undefined &&
    (typeof asked !== 'string' || asked.toLowerCase() !== organisationId)
  ) {
    throw organisationNotFound(asked);
  }
  return { ...read, organisationId };
}

export function organisationNotFound(id: unknown): AccessRefusedError {
  return new AccessRefusedError('not_found', `organisation ${String(id)} not found`);
}
