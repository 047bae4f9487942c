import type { Role } from '@accord/identity';

/** Published in the README and printed at start: no demo account protects anything. */
export const DEMO_PASSWORD = 'accord-demo-password';

export type DemoAccount = Readonly<{
  email: string;
  name: string;
  roles: readonly Role[];
  /** Which demo organisation the person belongs to; the platform admin belongs to none. */
  organisation: 'consultancy' | 'council' | null;
  /** What the person is, as the start-up banner and the README say it. */
  role: string;
}>;

/** SPEC §6's five accounts, in the order the banner lists them. */
export const DEMO_ACCOUNTS = {
  director: {
    email: 'demo.director@consultancy.example',
    name: 'Sam Taylor',
    roles: ['director'],
    organisation: 'consultancy',
    role: 'consultancy director: logs the work and claims savings',
  },
  approver: {
    email: 'demo.approver@council.example',
    name: 'Chris Walker',
    roles: ['approver'],
    organisation: 'council',
    role: 'council approver: verifies or disputes, signs off',
  },
  admin: {
    email: 'demo.admin@consultancy.example',
    name: 'Alex Morgan',
    roles: ['admin'],
    organisation: 'consultancy',
    role: 'consultancy admin: forms partnerships, manages its people',
  },
  viewer: {
    email: 'demo.viewer@council.example',
    name: 'Jamie Evans',
    roles: ['viewer'],
    organisation: 'council',
    role: 'council viewer: reads its council’s partnership',
  },
  operator: {
    email: 'demo.operator@accord.example',
    name: 'Accord operator',
    roles: ['platform_admin'],
    organisation: null,
    role: 'platform admin: organisations and their first users',
  },
} as const satisfies Readonly<Record<string, DemoAccount>>;

export type DemoCast = Readonly<Record<keyof typeof DEMO_ACCOUNTS, string>> &
  Readonly<{
    /**
     * The second council's approver, who verifies in its partnership: the demo's approver may
     * not. Not a published account: its password is random and never shown.
     */
    secondApprover: string;
  }>;

/** The second council's approver: named so that the timeline shows who decided. */
export const SECOND_COUNCIL_APPROVER = {
  email: 'finance.approver@second-council.example',
  name: 'Robin Hughes',
} as const;

export const DEMO_CONSULTANCY_NAME = 'Northbridge Children’s Partners (demo)';

/**
 * Two real English councils with children's services (their GSS codes), whose demo organisations
 * are named after them with "(demo)": every figure in the demo is made up.
 */
export const DEMO_COUNCIL_CODES = { first: 'E06000015', second: 'E10000020' } as const;
