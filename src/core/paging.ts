import { UnexpectedResponseError } from './errors';
import { l10n } from './l10n';

/** One page as the cloud described it. `total` counts items, `pages` counts pages; either may be missing. */
export interface Page<T> {
  items: T[];
  total?: number;
  pages?: number;
}

export interface PagingOptions<T> {
  /** The cloud's display name and what is listed, for messages ("Novita AI", "instances"). */
  cloudName: string;
  what: string;
  /** Safety cap; reaching it is an error, never a shorter list. */
  maxPages?: number;
  /** The page size asked for: a shorter page ends a list whose cloud states neither total nor pages. */
  pageSize?: number;
  /** Identity, so an item that moves to the next page while we page is kept once. */
  key?(item: T): string;
}

export const DEFAULT_MAX_PAGES = 200;

/**
 * Follows a paged list to its end. The end is where `total` items were seen or `pages` pages were read;
 * a short page is only the end when the cloud gives neither (a server may cap the page size below ours,
 * so a short page proves nothing when the cloud says there are more). An empty page before the stated end,
 * or more pages than the cap, is an error: a list that silently lost items hides pods that keep billing.
 */
export async function fetchAllPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PagingOptions<T>,
): Promise<T[]> {
  const max = options.maxPages ?? DEFAULT_MAX_PAGES;
  const out: T[] = [];
  const seen = new Set<string>();
  for (let page = 1; page <= max; page++) {
    const { items, total, pages } = await fetchPage(page);
    for (const item of items) {
      const k = options.key?.(item);
      if (k !== undefined) {
        if (seen.has(k)) continue;
        seen.add(k);
      }
      out.push(item);
    }
    if (total !== undefined && out.length >= total) return out;
    const knownEnd = total !== undefined || pages !== undefined;
    // An empty page while the stated total is not reached is an error even on the last stated page.
    if (items.length === 0 && (total !== undefined || (pages !== undefined && page < pages))) {
      throw new UnexpectedResponseError(
        l10n.t(
          '{0} sent an empty page {1} of {2} before the end it announced; the list would be incomplete.',
          options.cloudName,
          page,
          options.what,
        ),
        `page ${page}: 0 items; seen ${out.length}, total ${total ?? '?'}, pages ${pages ?? '?'}`,
      );
    }
    if (pages !== undefined && page >= pages) return out;
    if (!knownEnd && (items.length === 0 || (options.pageSize !== undefined && items.length < options.pageSize)))
      return out;
  }
  throw new UnexpectedResponseError(
    l10n.t(
      '{0} kept sending more pages of {1} (over {2}); the list is not shown incomplete.',
      options.cloudName,
      options.what,
      max,
    ),
    `stopped after ${max} pages with ${out.length} items`,
  );
}
