import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

/** One of the English local authorities with children's services responsibilities. */
export type Council = Readonly<{
  gssCode: string;
  name: string;
  region: string;
  dfeLaCode: string;
  regionGssCode: string;
  authorityType: string;
}>;

export type CouncilReference = Readonly<{
  all: readonly Council[];
  byCode(gssCode: string): Council | undefined;
}>;

const DATA_FILE = join('libs', 'identity', 'data', 'english-councils-childrens-services.csv');
const GSS_CODE = /^E\d{8}$/;

type Row = Record<
  'gss_code' | 'name' | 'dfe_la_code' | 'region_gss_code' | 'region' | 'authority_type',
  string
>;

/** Parses the reference list; a malformed file stops the process at start rather than later. */
export function parseCouncilReference(csv: string): CouncilReference {
  const rows: Row[] = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true });
  const councils = rows.map((row, i) => {
    if (!GSS_CODE.test(row.gss_code ?? '') || !row.name || !row.region) {
      throw new Error(`council reference line ${i + 2} lacks a GSS code, name or region`);
    }
    return Object.freeze({
      gssCode: row.gss_code,
      name: row.name,
      region: row.region,
      dfeLaCode: row.dfe_la_code,
      regionGssCode: row.region_gss_code,
      authorityType: row.authority_type,
    });
  });
  const byCode = new Map(councils.map((council) => [council.gssCode, council]));
  if (byCode.size !== councils.length) throw new Error('council reference repeats a GSS code');
  return Object.freeze({
    all: Object.freeze(councils),
    byCode: (gssCode: string) => byCode.get(gssCode),
  });
}

let loaded: CouncilReference | undefined;

/**
 * The project's own copy of the reference list, read once. Found from the project root (the
 * nearest folder with a package.json), so the same code finds it run from source and from dist.
 */
export function councilReference(): CouncilReference {
  loaded ??= parseCouncilReference(readFileSync(councilReferenceFile(), 'utf8'));
  return loaded;
}

export function councilReferenceFile(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, DATA_FILE);
    if (dir === parse(dir).root) throw new Error(`no project root above ${from}`);
  }
}
