import { randomUUID } from 'node:crypto';
import { invalidFields } from '@accord/platform';
import { ConflictException, Injectable } from '@nestjs/common';
import { decideForOrganisation, enforce } from '../authorization';
import { Caller, OrganisationKind } from '../caller';
import { councilReference } from '../councils/council-reference';
import { violates } from '../identity.tables';
import { OrganisationsRepository } from './organisations.repository';

export type RegisterOrganisation = {
  kind: OrganisationKind;
  name: string;
  gssCode?: string | null;
};

/** Organisations are created by the platform admin: the policy is asked here, guard or none. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  /** A council is one of the reference list's authorities, and has at most one organisation. */
  async register(caller: Caller, input: RegisterOrganisation): Promise<{ id: string }> {
    enforce(decideForOrganisation(caller, 'register_organisations'));
    const gssCode = input.gssCode ?? null;
    const problem = gssCodeProblem(input.kind, gssCode);
    if (problem) throw invalidFields([{ field: 'gssCode', code: 'gssCode', message: problem }]);
    const id = randomUUID();
    try {
      await this.organisations.create({ id, kind: input.kind, name: input.name, gssCode });
    } catch (error) {
      if (violates(error, 'organisations_gss_code_key')) {
        throw new ConflictException({
          message: `Council ${gssCode} already has an organisation`,
          details: { gssCode },
        });
      }
      throw error;
    }
    return { id };
  }

  list() {
    return this.organisations.list();
  }
}

/** Why a GSS code does not fit an organisation of this kind, or undefined when it does. */
export function gssCodeProblem(kind: unknown, gssCode: unknown): string | undefined {
  if (kind === 'council') {
    return typeof gssCode === 'string' && councilReference().byCode(gssCode)
      ? undefined
      : 'gssCode must be the GSS code of an English council with children’s services (GET /api/v1/councils lists them)';
  }
  if (kind === 'consultancy' && gssCode !== undefined && gssCode !== null) {
    return 'gssCode is for councils only; a consultancy has none';
  }
  return undefined;
}
