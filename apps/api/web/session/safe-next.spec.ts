import { HOME, safeNext } from './safe-next';

describe('where sign-in sends a visitor next', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNext('/partnerships/0b6c2b8e-1111-4aaa-8bbb-123456789abc')).toBe(
      '/partnerships/0b6c2b8e-1111-4aaa-8bbb-123456789abc',
    );
    expect(safeNext('/partnerships/x?asOf=2026-10-31')).toBe('/partnerships/x?asOf=2026-10-31');
  });

  it('ignores another site however it is written', () => {
    for (const next of [
      '//evil.example',
      '//evil.example/partnerships',
      'https://evil.example',
      'http://evil.example/partnerships',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/a/..//evil.example',
      '/%2e//evil.example',
      ' //evil.example',
      'javascript:alert(1)',
      'partnerships',
      '',
    ]) {
      expect([next, safeNext(next)]).toEqual([next, HOME]);
    }
  });

  it('ignores what is not one string', () => {
    expect(safeNext(undefined)).toBe(HOME);
    expect(safeNext(['/a', '/b'])).toBe(HOME);
    expect(safeNext(`/${'a'.repeat(2_001)}`)).toBe(HOME);
  });
});
