import type { PartnershipDetail } from '@accord/read-models';
import { humanise } from '@accord/reporting';
import type { FormField } from './form-fields';

/**
 * What the ledger's forms share: the fields several of them ask, each vocabulary's value in the
 * words every page and report uses (`humanise`), and the paths of the pages they lead back to.
 */

/** What choosing a value means, where its name alone does not say (SPEC §2's assurances). */
const HINTS: Readonly<Record<string, string>> = {
  self_reported: 'The consultancy’s own figure: the council has not checked it',
  evidenced: 'Backed by documents the council has seen: name them under Evidence',
  finance_reconciled:
    'Matched to the council’s finance ledger: give the ledger period and cost centre under Evidence',
};

export const options = (values: readonly string[]) =>
  values.map((value) => ({
    value,
    text: humanise(value),
    ...(HINTS[value] ? { hint: HINTS[value] } : {}),
  }));

/** Radios for one of a vocabulary's values, each in its words. */
export const radios = (api: string, label: string, values: readonly string[]): FormField => ({
  api,
  label,
  kind: 'radios',
  options: options(values),
});

export const TITLE: FormField = { api: 'title', label: 'Title', kind: 'text' };

/** When something starts, and when it ends if it does. */
export const PERIOD: readonly FormField[] = [
  { api: 'startsOn', label: 'Start date', kind: 'date' },
  { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
];

export const REASON: FormField = { api: 'reason', label: 'Reason', kind: 'textarea' };

export const ATTRIBUTION: FormField = {
  api: 'attributionPct',
  name: 'attribution',
  label: 'Attribution',
  kind: 'number',
  optional: true,
  hint: 'The share of the saving the partnership may take credit for, from 1 to 100 per cent. Leave empty for 100.',
};

/** A claim offers the partnership's savings lines, if it has any. */
export const savingsLineField = ({ savingsLines }: PartnershipDetail): FormField[] =>
  savingsLines.length
    ? [
        {
          api: 'lineCode',
          name: 'savingsLine',
          label: 'Savings line',
          kind: 'select',
          optional: true,
          hint: "The council's budget line this saving counts towards, if any",
          options: savingsLines.map((line) => ({
            value: line.code,
            text: `${line.code}: ${line.title} (${line.financialYear})`,
          })),
        },
      ]
    : [];

export const partnershipPath = (id: string) => `/partnerships/${encodeURIComponent(id)}`;
export const engagementPath = (id: string) => `/engagements/${encodeURIComponent(id)}`;
export const interventionPath = (id: string) => `/interventions/${encodeURIComponent(id)}`;

/** "What happens" when a form closes or ends something. */
export const whatHappens = (value: string) => [{ key: 'What happens', value }];
