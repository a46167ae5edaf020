import * as z from './zod';
import { UnexpectedResponseError } from './errors';
import { l10n } from './l10n';

/**
 * Shared zod/mini building blocks. zod/mini is the tree-shakable API of zod: the bundle stays small
 * (see README, "Design"). Objects strip unknown fields, so new fields a cloud adds never break us.
 */

/** An id that a cloud may send as number or string; always kept as the exact string. */
export const zId = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v) => String(v)),
);

/** A number that may arrive as a string ("12.5") — prices, sizes, counts. Invalid text → undefined. */
export const zLooseNumber = z.pipe(
  z.union([z.number(), z.string(), z.null()]),
  z.transform((v): number | undefined => {
    if (v === null) return undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    const t = v.trim();
    if (t === '') return undefined;
    const num = Number(t);
    return Number.isFinite(num) ? num : undefined;
  }),
);

/** Optional and nullable: clouds write null and leave fields out interchangeably. */
export function zMaybe<T extends z.ZodMiniType>(schema: T) {
  return z.optional(z.nullable(schema));
}

/** Describe a zod failure by field path, e.g. `data.items[3].status: expected string`. */
export function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Validate a response body; a mismatch becomes one clear sentence naming the fields. */
export function parseWith<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = describeIssues(result.error);
  throw new UnexpectedResponseError(
    l10n.t('The cloud sent an unexpected response for {0} ({1}).', what, fields),
    fields,
  );
}
