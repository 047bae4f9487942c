import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DOCUMENTS = ['docs/ARCHITECTURE.md'];

/** Every `apps/…`, `libs/…`, `test/…` or `docs/…` a document names in backticks. */
function pathsNamedIn(document: string): string[] {
  const text = readFileSync(join(ROOT, document), 'utf8');
  const named = [...text.matchAll(/`((?:apps|libs|test|docs)\/[^`\s]*)`/g)].map((m) => m[1]);
  // `libs/<library>/src` names a pattern, not a path.
  return [...new Set(named)].filter((path) => !path.includes('<'));
}

/** A path, or a glob in its last part (`libs/ledger/src/on-a-date/*.ts`) that matches a file. */
function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(ROOT, path));
  const folder = join(ROOT, dirname(path));
  const pattern = new RegExp(
    `^${path
      .slice(dirname(path).length + 1)
      .replace(/[.]/g, '\\.')
      .replace(/\*/g, '.*')}$`,
  );
  return existsSync(folder) && readdirSync(folder).some((name) => pattern.test(name));
}

describe('the documents name files that exist', () => {
  it.each(DOCUMENTS)('%s', (document) => {
    const named = pathsNamedIn(document);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !exists(path))).toEqual([]);
  });
});
