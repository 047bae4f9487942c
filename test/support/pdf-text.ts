import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The text of a PDF as a reader sees it, by poppler's `pdftotext` (Debian's poppler-utils, which
 * .ci/run installs): PDFKit compresses its pages, so the text is not in the bytes as written.
 * `-layout` keeps a table's cells on one line.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const child = run('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stdin?.end(pdf);
  return (await child).stdout;
}

/** How many pages a PDF has and their size in points, from poppler's `pdfinfo`. */
export async function pdfPages(pdf: Buffer): Promise<{ pages: number; size: string }> {
  const child = run('pdfinfo', ['-'], { encoding: 'utf8' });
  child.child.stdin?.end(pdf);
  const { stdout } = await child;
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]),
    size: /^Page size:\s+(.+)$/m.exec(stdout)?.[1]?.trim() ?? '',
  };
}
