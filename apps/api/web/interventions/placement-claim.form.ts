import { ForPartnership } from '@accord/identity';
import {
  type CalendarDate,
  isPriced,
  MOST_CHILDREN,
  MOST_WEEKS,
  PLACEMENT_TYPE_LABELS,
  PLACEMENT_TYPES,
  type PlacementType,
  placementBasis,
  pricePlacementSaving,
  referenceSource,
  referenceUnitCosts,
  SAVING_KINDS,
  type UnitCostHistory,
  type WeeklyPrice,
} from '@accord/ledger';
import {
  formatDate,
  formatNumber,
  formatPence,
  humanise,
  PartnershipLedger,
} from '@accord/reporting';
import { NotFoundException } from '@nestjs/common';
import { ClaimPlacementSavingCommand } from '../../ledger/claim-placement-saving/claim-placement-saving.command';
import { ClaimPlacementSavingRequest } from '../../ledger/claim-placement-saving/claim-placement-saving.request.dto';
import type { FormField } from '../forms/form-fields';
import { ATTRIBUTION, radios, savingsLineField } from '../forms/ledger-fields';
import { interventionOf } from '../forms/ledger-places';
import { type CheckRow, type FormRoute, pageForm } from '../forms/page-form';

const TYPE_OPTIONS = PLACEMENT_TYPES.map((type) => ({
  value: type,
  text: PLACEMENT_TYPE_LABELS[type],
}));

/**
 * Where a weekly price came from, in words: the council's own from the date it took effect, or
 * the reference figure. Which price applies is the pricing function's to say; this only finds
 * the date of the council's price it chose, for the reader.
 */
function priceSource(
  type: PlacementType,
  on: CalendarDate,
  price: WeeklyPrice,
  history: UnitCostHistory,
): string {
  const reference = referenceUnitCosts().find((row) => row.placementType === type);
  if (reference && price.source === referenceSource(reference.source)) {
    return `Reference figure for ${reference.year}: ${reference.source}`;
  }
  const from = [...(history.get(type)?.values() ?? [])]
    .filter((cost) => cost.effectiveFrom <= on)
    .map((cost) => cost.effectiveFrom)
    .sort()
    .at(-1);
  return `The council’s price${from ? ` from ${formatDate(from)}` : ''}: ${price.source}`;
}

/**
 * Claim a placement saving (SPEC §9): what changed, priced on a "Check your answers" page by the
 * same function the decider prices it with, from the partnership's price list as it stands, and
 * claimed only once the visitor confirms those figures. The decider prices it again and is
 * authoritative: figures that changed in between are shown again, never claimed unseen.
 */
export const CLAIM_PLACEMENT_SAVING_FORM: FormRoute = pageForm({
  name: 'claimPlacementSaving',
  path: ':id/savings/placements/new',
  access: ForPartnership('log_work', 'intervention'),
  dto: ClaimPlacementSavingRequest,
  banner: ['placement-saving-claimed', 'Placement saving claimed'],
  load: interventionOf,
  form: ({ partnership, ids }, at) => {
    const lines = savingsLineField(partnership);
    const fields: FormField[] = [
      {
        api: 'children',
        label: 'Number of children',
        kind: 'number',
        hint: `How many children moved, from 1 to ${formatNumber(MOST_CHILDREN)}. Do not name or describe any child.`,
      },
      { api: 'fromType', label: 'From', kind: 'select', options: TYPE_OPTIONS },
      { api: 'toType', label: 'To', kind: 'select', options: TYPE_OPTIONS },
      {
        api: 'startsOn',
        label: 'Start date',
        kind: 'date',
        hint: 'The day they moved: both placements are priced on it. For example, 1 6 2026',
      },
      {
        api: 'weeks',
        label: 'Weeks',
        kind: 'number',
        hint: `How many weeks the saving lasts, from 1 to ${MOST_WEEKS}`,
      },
      {
        ...radios('kind', 'Kind', SAVING_KINDS),
        hint: 'Cost avoidance where the dearer placement never started',
      },
      ATTRIBUTION,
      ...lines,
      {
        api: 'basis',
        label: 'Basis',
        kind: 'textarea',
        optional: true,
        hint: 'Leave empty and Accord writes one from the prices. Do not name or describe any child.',
      },
    ];
    const labelOf = (name: string) => fields.find((f) => f.api === name)?.label ?? name;
    return {
      title: 'Claim a placement saving',
      fields,
      initial: { kind: 'cashable' },
      submitText: 'Continue',
      command: (body, request) => new ClaimPlacementSavingCommand({ ...ids, ...body }, request),
      async check(body) {
        const loaded = await at.use(PartnershipLedger).load(at.partnershipId);
        if (!loaded) throw new NotFoundException();
        const history = loaded.state.unitCosts;
        const priced = pricePlacementSaving(
          {
            children: body.children,
            fromType: body.fromType,
            toType: body.toType,
            startsOn: body.startsOn,
            weeks: body.weeks,
          },
          history,
          referenceUnitCosts(),
        );
        if (!isPriced(priced)) return priced;
        const { valuation, weeklySavingPence, amountPence, endsOn } = priced;
        const from: WeeklyPrice = {
          weeklyCostPence: valuation.fromWeeklyCostPence,
          source: valuation.fromSource,
        };
        const to: WeeklyPrice = {
          weeklyCostPence: valuation.toWeeklyCostPence,
          source: valuation.toSource,
        };
        const line = partnership.savingsLines.find((l) => l.code === body.lineCode);
        const rows: CheckRow[] = [
          { key: labelOf('children'), value: formatNumber(body.children), change: 'children' },
          { key: 'From', value: PLACEMENT_TYPE_LABELS[body.fromType], change: 'fromType' },
          { key: 'To', value: PLACEMENT_TYPE_LABELS[body.toType], change: 'toType' },
          { key: 'Start date', value: formatDate(body.startsOn), change: 'startsOn' },
          { key: 'Weeks', value: formatNumber(body.weeks), change: 'weeks' },
          { key: 'Kind', value: humanise(body.kind ?? 'cashable'), change: 'kind' },
          { key: 'Attribution', value: `${body.attributionPct ?? 100}%`, change: 'attribution' },
          ...(lines.length
            ? [
                {
                  key: 'Savings line',
                  value: line ? `${line.code}: ${line.title}` : 'None',
                  change: 'savingsLine',
                },
              ]
            : []),
          {
            key: `Weekly cost of ${PLACEMENT_TYPE_LABELS[body.fromType].toLowerCase()}`,
            value: `${formatPence(from.weeklyCostPence)} a week. ${priceSource(body.fromType, body.startsOn, from, history)}`,
          },
          {
            key: `Weekly cost of ${PLACEMENT_TYPE_LABELS[body.toType].toLowerCase()}`,
            value: `${formatPence(to.weeklyCostPence)} a week. ${priceSource(body.toType, body.startsOn, to, history)}`,
          },
          {
            key: 'Weekly saving',
            value: `${formatPence(weeklySavingPence)}: ${formatNumber(body.children)} × (${formatPence(from.weeklyCostPence)} − ${formatPence(to.weeklyCostPence)})`,
          },
          {
            key: 'Amount claimed',
            value: `${formatPence(amountPence)} a year, recurring: the weekly saving × 365 ÷ 7`,
          },
          { key: 'End date', value: formatDate(endsOn) },
          {
            key: 'Basis',
            value: body.basis?.trim() ? body.basis : placementBasis(valuation, body.startsOn),
            change: 'basis',
          },
        ];
        // What the claim would record: a price or a date that moves makes another claim.
        const figures = [
          amountPence,
          endsOn,
          valuation.fromWeeklyCostPence,
          valuation.toWeeklyCostPence,
          valuation.fromSource,
          valuation.toSource,
        ].join('|');
        return { rows, figures, confirmText: 'Claim this saving' };
      },
    };
  },
});
