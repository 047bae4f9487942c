import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isValidPence } from '../money/pence';
import { isPlacementType } from '../vocabularies/vocabularies';
import type { ReferenceUnitCost } from './placement-pricing';

const DATA_FILE = join('libs', 'ledger', 'data', 'reference-unit-costs.csv');

type Row = Record<'placementType' | 'weeklyCostPence' | 'year' | 'source', string>;

/**
 * Parses the reference figures; a malformed file stops the process at start rather than pricing
 * a claim from a figure nobody can stand behind. Each row names its public source.
 */
export function parseReferenceUnitCosts(csv: string): readonly ReferenceUnitCost[] {
  const rows: Row[] = parseCsv(csv, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  const figures = rows.map((row, i) => {
    const weeklyCostPence = /^\d+$/.test(row.weeklyCostPence ?? '')
      ? Number(row.weeklyCostPence)
      : Number.NaN;
    if (!isPlacementType(row.placementType) || !isValidPence(weeklyCostPence)) {
      throw new Error(
        `reference unit costs line ${i + 2} lacks a placement type or a weekly cost in pence`,
      );
    }
    if (!row.year || !row.source) {
      throw new Error(`reference unit costs line ${i + 2} lacks the year or the source`);
    }
    return Object.freeze({
      placementType: row.placementType,
      weeklyCostPence,
      year: row.year,
      source: row.source,
    });
  });
  if (new Set(figures.map((f) => f.placementType)).size !== figures.length) {
    throw new Error('reference unit costs repeat a placement type');
  }
  return Object.freeze(figures);
}

let loaded: readonly ReferenceUnitCost[] | undefined;

/**
 * The project's own copy of the reference figures, read once. Found from the project root (the
 * nearest folder with a package.json), so the same code finds it run from source and from dist.
 */
export function referenceUnitCosts(): readonly ReferenceUnitCost[] {
  loaded ??= parseReferenceUnitCosts(readFileSync(referenceUnitCostsFile(), 'utf8'));
  return loaded;
}

export function referenceUnitCostsFile(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, DATA_FILE);
    if (dir === parse(dir).root) throw new Error(`no project root above ${from}`);
  }
}
