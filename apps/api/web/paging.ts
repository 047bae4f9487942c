import { NotFoundException } from '@nestjs/common';

/** How many rows a page of a list that can grow shows (savings, approvals, the timeline). */
export const PAGE_SIZE = 50;

/** What GOV.UK's pagination component takes; absent on a list that fits one page. */
export type Pagination = Readonly<{
  previous?: { href: string };
  next?: { href: string };
  items: readonly PageLink[];
}>;

type PageLink = { number: number; href: string; current: boolean } | { ellipsis: true };

export type Paged<T> = Readonly<{
  items: readonly T[];
  /** The first row's number on this page, counting from 1, and the last's, for "Showing 51 to 100 of 240". */
  from: number;
  to: number;
  total: number;
  pagination?: Pagination;
}>;

/**
 * The rows of page `?page=N` of a list, and the links to the other pages. A page that is not a
 * whole number from 1 to the last page is not found: such a link was made up, not followed.
 */
export function pageOf<T>(
  rows: readonly T[],
  page: unknown,
  hrefFor: (page: number) => string,
): Paged<T> {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = page === undefined ? 1 : /^[1-9]\d{0,5}$/.test(String(page)) ? Number(page) : 0;
  if (current < 1 || current > pages) throw new NotFoundException();
  const start = (current - 1) * PAGE_SIZE;
  const items = rows.slice(start, start + PAGE_SIZE);
  return {
    items,
    from: items.length === 0 ? 0 : start + 1,
    to: start + items.length,
    total: rows.length,
    pagination: pages === 1 ? undefined : links(current, pages, hrefFor),
  };
}

/** The first, last and current page with its neighbours; GOV.UK puts ellipses between gaps. */
function links(current: number, pages: number, hrefFor: (page: number) => string): Pagination {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: PageLink[] = [];
  for (const [index, number] of shown.entries()) {
    if (index > 0 && number - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefFor(number), current: number === current });
  }
  return {
    ...(current > 1 ? { previous: { href: hrefFor(current - 1) } } : {}),
    ...(current < pages ? { next: { href: hrefFor(current + 1) } } : {}),
    items,
  };
}
