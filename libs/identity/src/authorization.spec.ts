import { AccessRefusedError } from './access/access-refused.error';
import {
  type Decision,
  decideForOrganisation,
  decideForPartnership,
  enforce,
  mayManageUsers,
  type OrganisationAction,
} from './authorization';
import type { Caller, OrganisationKind, Role } from './caller';

const COUNCIL = 'council-a';
const CONSULTANCY = 'consultancy-b';

function caller(kind: OrganisationKind | null, roles: Role[]): Caller {
  const organisationId = kind === null ? null : kind === 'council' ? COUNCIL : CONSULTANCY;
  return { userId: 'u', organisationId, organisationKind: kind, roles, version: 1 };
}

const platformAdmin = caller(null, ['platform_admin']);
const councilAdmin = caller('council', ['admin']);
const approver = caller('council', ['approver', 'viewer']);
const viewer = caller('council', ['viewer']);
const consultancyAdmin = caller('consultancy', ['admin']);
const director = caller('consultancy', ['director']);

describe('the authorisation policy (SPEC §1)', () => {
  it.each<[string, Caller, string | null, Decision]>([
    ['the platform admin, in any organisation', platformAdmin, CONSULTANCY, 'allowed'],
    ['the platform admin, another platform admin', platformAdmin, null, 'allowed'],
    ['a council admin, in its own council', councilAdmin, COUNCIL, 'allowed'],
    ['a council admin, in a consultancy', councilAdmin, CONSULTANCY, 'not_found'],
    ['a council admin, a platform admin', councilAdmin, null, 'refused'],
    ['a consultancy admin, in its own consultancy', consultancyAdmin, CONSULTANCY, 'allowed'],
    ['a viewer, in its own council', viewer, COUNCIL, 'refused'],
    [
      'a viewer, in another organisation (the role is checked first)',
      viewer,
      CONSULTANCY,
      'refused',
    ],
    ['an approver, in its own council', approver, COUNCIL, 'refused'],
    ['a director, in its own consultancy', director, CONSULTANCY, 'refused'],
  ])('manage users: %s → %s', (_, who, organisationId, decision) => {
    expect(mayManageUsers(who, organisationId)).toBe(decision);
  });

  it.each<[OrganisationAction, readonly Caller[]]>([
    ['register_organisations', [platformAdmin]],
    ['manage_users', [platformAdmin, councilAdmin, consultancyAdmin]],
    ['form_partnerships', [platformAdmin, consultancyAdmin]],
  ])('%s, anywhere, is for exactly these roles', (action, allowed) => {
    for (const who of [platformAdmin, councilAdmin, approver, viewer, consultancyAdmin, director]) {
      expect(decideForOrganisation(who, action)).toBe(
        allowed.includes(who) ? 'allowed' : 'refused',
      );
    }
  });

  it('hides a partnership outside the tenancy, and refuses a role inside it', () => {
    const parties = { partnershipId: 'p', consultancyId: CONSULTANCY, councilId: COUNCIL };
    const elsewhere = { ...parties, councilId: 'council-c' };
    expect(decideForPartnership(viewer, parties, 'read')).toBe('allowed');
    expect(decideForPartnership(director, parties, 'judge')).toBe('refused');
    expect(decideForPartnership(approver, parties, 'judge')).toBe('allowed');
    expect(decideForPartnership(viewer, elsewhere, 'read')).toBe('not_found');
    expect(decideForPartnership(viewer, undefined, 'read')).toBe('not_found');
  });

  it('enforces a decision as the error every channel maps', () => {
    expect(() => enforce('allowed')).not.toThrow();
    const refused = () => enforce('refused', () => 'Organisation x not found');
    expect(refused).toThrow(AccessRefusedError);
    expect(refused).toThrow('Your role does not allow this');
    try {
      enforce('not_found', () => 'Organisation x not found');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'not_found', message: 'Organisation x not found' });
    }
    expect.assertions(4);
  });
});
