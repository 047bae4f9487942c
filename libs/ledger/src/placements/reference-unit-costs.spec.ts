import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseReferenceUnitCosts,
  referenceUnitCosts,
  referenceUnitCostsFile,
} from './reference-unit-costs';

describe('the reference unit costs Accord ships', () => {
  it('are read from the project’s own copy, each figure with its year and source', () => {
    const figures = referenceUnitCosts();
    expect(figures.map((f) => [f.placementType, f.weeklyCostPence, f.year])).toEqual([
      ['residential_childrens_home', 610_630, '2023-24'],
      ['independent_fostering_agency', 82_000, '2021'],
    ]);
    expect(figures[0].source).toMatch(/^National Audit Office/);
    expect(referenceUnitCostsFile()).not.toContain('shared');
  });

  it('are found from the project root whether run from source or from dist', () => {
    const root = mkdtempSync(join(tmpdir(), 'accord-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    const expected = join(root, 'libs', 'ledger', 'data', 'reference-unit-costs.csv');
    const compiled = join(root, 'dist', 'libs', 'ledger', 'src', 'placements');
    mkdirSync(compiled, { recursive: true });
    expect(referenceUnitCostsFile(compiled)).toBe(expected);
  });

  it('refuse a malformed or repetitive file', () => {
    const header = 'placementType,weeklyCostPence,year,source\n';
    expect(() => parseReferenceUnitCosts(`${header}hotel,100,2024,Somewhere\n`)).toThrow(/line 2/);
    expect(() => parseReferenceUnitCosts(`${header}kinship_care,1.5,2024,Somewhere\n`)).toThrow(
      /line 2/,
    );
    expect(() => parseReferenceUnitCosts(`${header}kinship_care,100,2024,\n`)).toThrow(/source/);
    const row = 'kinship_care,100,2024,Somewhere\n';
    expect(() => parseReferenceUnitCosts(header + row + row)).toThrow(/repeat/);
  });
});
