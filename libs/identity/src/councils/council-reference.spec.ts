import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { councilReference, councilReferenceFile, parseCouncilReference } from './council-reference';

const REGION_BY_CODE: Record<string, string> = {
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and The Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West',
};
const REGION_COUNTS = {
  'North East': 12,
  'North West': 24,
  'Yorkshire and The Humber': 15,
  'East Midlands': 10,
  'West Midlands': 14,
  'East of England': 11,
  London: 33,
  'South East': 19,
  'South West': 15,
};
const CODE_PREFIX_BY_TYPE: Record<string, string> = {
  'Unitary Authorities': 'E06',
  'Metropolitan Districts': 'E08',
  'London Boroughs': 'E09',
  Counties: 'E10',
};
const TYPE_COUNTS = {
  'Unitary Authorities': 63,
  'Metropolitan Districts': 36,
  'London Boroughs': 33,
  Counties: 21,
};

function tally(rows: Record<string, string>[], column: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row[column]] = (counts[row[column]] ?? 0) + 1;
  return counts;
}

describe('council reference', () => {
  it('holds the 153 English councils with children’s services, once each', () => {
    const { all, byCode } = councilReference();
    expect(all).toHaveLength(153);
    expect(new Set(all.map((c) => c.gssCode)).size).toBe(153);
    expect(byCode('E06000001')).toEqual({
      gssCode: 'E06000001',
      name: 'Hartlepool',
      region: 'North East',
      dfeLaCode: '805',
      regionGssCode: 'E12000001',
      authorityType: 'Unitary Authorities',
    });
    expect(byCode('E06000058')?.name).toBe('Bournemouth, Christchurch and Poole');
    expect(byCode('E99999999')).toBeUndefined();
  });

  it('ships a list that holds together on its own', () => {
    const csv = readFileSync(councilReferenceFile(), 'utf8');
    const rows: Record<string, string>[] = parseCsv(csv, { columns: true, skip_empty_lines: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'gss_code',
      'name',
      'dfe_la_code',
      'region_gss_code',
      'region',
      'authority_type',
      'since',
    ]);
    expect(rows).toHaveLength(153);
    expect(rows.map((r) => r.gss_code)).toEqual(rows.map((r) => r.gss_code).sort());
    expect(new Set(rows.map((r) => r.name)).size).toBe(153);
    expect(new Set(rows.map((r) => r.dfe_la_code)).size).toBe(153);
    for (const row of rows) {
      expect(row.dfe_la_code).toMatch(/^\d{3}$/);
      expect(row.name.trim()).toBe(row.name);
      expect(row.name).not.toBe('');
      // The ONS code's prefix is the kind of authority: a mismatch is a mis-pasted row.
      expect(row.gss_code.slice(0, 3)).toBe(CODE_PREFIX_BY_TYPE[row.authority_type]);
      expect(row.region).toBe(REGION_BY_CODE[row.region_gss_code]);
      expect(row.since).toMatch(/^(2009|20[1-2]\d)-\d{2}-01$/);
    }
    expect(tally(rows, 'region')).toEqual(REGION_COUNTS);
    expect(tally(rows, 'authority_type')).toEqual(TYPE_COUNTS);
  });

  it('names the councils created by the latest reorganisations and none they replaced', () => {
    const { byCode, all } = councilReference();
    expect(byCode('E06000063')?.name).toBe('Cumberland');
    expect(byCode('E06000066')?.name).toBe('Somerset');
    expect(byCode('E08000039')?.name).toBe('Sheffield');
    // Somerset County Council (E10000027) and the old Sheffield code (E08000019) are gone.
    expect(byCode('E10000027')).toBeUndefined();
    expect(byCode('E08000019')).toBeUndefined();
    expect(all.map((c) => c.name)).toContain('Kingston upon Hull, City of');
  });

  it('is found from the project root whether run from source or from dist', async () => {
    const root = mkdtempSync(join(tmpdir(), 'accord-root-'));
    await writeFile(join(root, 'package.json'), '{}');
    const compiled = join(root, 'dist', 'libs', 'identity', 'src', 'councils');
    await mkdir(compiled, { recursive: true });
    const expected = join(
      root,
      'libs',
      'identity',
      'data',
      'english-councils-childrens-services.csv',
    );
    expect(councilReferenceFile(compiled)).toBe(expected);
    expect(councilReferenceFile(join(root, 'libs', 'identity', 'src', 'councils'))).toBe(expected);
  });

  it('refuses a malformed or repetitive list', () => {
    const header = 'gss_code,name,dfe_la_code,region_gss_code,region,authority_type,since\n';
    expect(() =>
      parseCouncilReference(`${header}X1,Somewhere,1,E12000001,North East,U,2009\n`),
    ).toThrow(/line 2/);
    const row = 'E06000001,Hartlepool,805,E12000001,North East,Unitary Authorities,2009-01-01\n';
    expect(() => parseCouncilReference(header + row + row)).toThrow(/repeats/);
  });
});
