import { ForPartnership } from '@accord/identity';
import { PLACEMENT_TYPE_LABELS, PLACEMENT_TYPES } from '@accord/ledger';
import { SetUnitCostCommand } from '../../ledger/set-unit-cost/set-unit-cost.command';
import { SetUnitCostRequest } from '../../ledger/set-unit-cost/set-unit-cost.request.dto';
import { partnershipPath } from '../forms/ledger-fields';
import { partnershipOf } from '../forms/ledger-places';
import { type FormRoute, pageForm } from '../forms/page-form';

export const unitCostsPath = (partnershipId: string) =>
  `${partnershipPath(partnershipId)}/unit-costs`;

/**
 * Set a unit cost (SPEC §9): what a placement type costs the council a week from a date. Each
 * date adds to the type's history; a claim is priced at the price in force on its start.
 */
export const SET_UNIT_COST_FORM: FormRoute = pageForm({
  name: 'setUnitCost',
  path: ':id/unit-costs/new',
  access: ForPartnership('judge'),
  dto: SetUnitCostRequest,
  banner: ['unit-cost-set', 'Unit cost set'],
  load: async (at) => {
    const found = await partnershipOf(at);
    return { ...found, back: unitCostsPath(found.partnership.id) };
  },
  form: ({ ids }) => ({
    title: 'Set a unit cost',
    fields: [
      {
        api: 'placementType',
        label: 'Placement type',
        kind: 'select',
        options: PLACEMENT_TYPES.map((type) => ({
          value: type,
          text: PLACEMENT_TYPE_LABELS[type],
        })),
      },
      {
        api: 'weeklyCostPence',
        name: 'weeklyCost',
        label: 'Weekly cost',
        kind: 'pounds',
        hint: 'What one placement of the type costs the council a week, for example 1,234.56',
      },
      {
        api: 'effectiveFrom',
        label: 'Effective from',
        kind: 'date',
        hint: 'The first day the price applies, for example 1 4 2026',
      },
      {
        api: 'source',
        label: 'Source',
        kind: 'text',
        hint: 'Where the figure comes from, for example Council fee schedule 2026/27',
      },
    ],
    command: (body, request) => new SetUnitCostCommand({ ...ids, ...body }, request),
  }),
});
