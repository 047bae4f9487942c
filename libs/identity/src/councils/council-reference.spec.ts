import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilReference, councilReferenceFile, parseCouncilReference } from './council-reference';

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

  it('is the same list as the shared reference beside the project', () => {
    const shared = join(
      __dirname,
      '../../../../../shared/data/english-councils-childrens-services.csv',
    );
    const original = readFileSync(shared, 'utf8');
    expect(readFileSync(councilReferenceFile(), 'utf8')).toBe(original);
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
