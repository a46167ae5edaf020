import type { Clock } from './clock';
import { GpuPodsError } from './errors';
import type { CloudId, GpuOffer } from './model';
import { usablePrice } from './burnRate';
import { l10n } from './l10n';

/**
 * The cross-cloud GPU picker's data: every connected account's offers, asked in parallel, each account
 * bounded by its own timeout and cached for a short period. A cloud that fails or is slow becomes a row
 * saying so; it never holds back the others.
 */

export interface OfferSource {
  /** The account id: one cache entry per account (= per key). */
  key: string;
  cloud: CloudId;
  /** "Novita AI" or "Novita AI (work)". */
  where: string;
  list(): Promise<GpuOffer[]>;
}

export interface SourceResult {
  source: OfferSource;
  offers?: GpuOffer[];
  /** Why this account's offers are missing ("no answer within 8 s", the cloud's message). */
  error?: string;
  /** Served from the cache: no request was made. */
  cached: boolean;
  ms: number;
}

interface Entry {
  at: number;
  promise: Promise<GpuOffer[]>;
}

export class OfferCache {
  private readonly entries = new Map<string, Entry>();
  /** Requests actually started, per source key (for the benchmark and tests). */
  readonly requests = new Map<string, number>();

  constructor(
    /** Ages answers and times the slow ones out. */
    private readonly clock: Clock,
    /** How long an answer is reused. */
    public ttlMs = 60_000,
    /** How long one account may take before its row says "unavailable". */
    public timeoutMs = 10_000,
  ) {}

  private now(): number {
    return this.clock.now();
  }

  forget(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  private fetch(source: OfferSource): { promise: Promise<GpuOffer[]>; cached: boolean } {
    const hit = this.entries.get(source.key);
    if (hit && this.now() - hit.at < this.ttlMs) return { promise: hit.promise, cached: true };
    this.requests.set(source.key, (this.requests.get(source.key) ?? 0) + 1);
    const entry: Entry = { at: this.now(), promise: Promise.resolve().then(() => source.list()) };
    // A failure is not kept: the next run asks again. A late answer (after the timeout) is kept for the next run.
    entry.promise.catch(() => {
      if (this.entries.get(source.key) === entry) this.entries.delete(source.key);
    });
    this.entries.set(source.key, entry);
    return { promise: entry.promise, cached: false };
  }

  /** Every source at once; resolves when each has answered, failed or timed out. Never rejects. */
  gather(sources: readonly OfferSource[]): Promise<SourceResult[]> {
    return Promise.all(
      sources.map(async (source): Promise<SourceResult> => {
        const started = this.now();
        const { promise, cached } = this.fetch(source);
        let timer: unknown;
        const timeout = new Promise<never>((_, reject) => {
          timer = this.clock.setTimeout(() => reject(new OfferTimeout(this.timeoutMs)), this.timeoutMs);
        });
        try {
          const offers = await Promise.race([promise, timeout]);
          return { source, offers, cached, ms: this.now() - started };
        } catch (e) {
          return { source, error: reason(e), cached, ms: this.now() - started };
        } finally {
          this.clock.clearTimeout(timer);
        }
      }),
    );
  }
}

class OfferTimeout extends Error {
  constructor(ms: number) {
    super(l10n.t('no answer within {0}', ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`));
  }
}

function reason(e: unknown): string {
  if (e instanceof OfferTimeout || e instanceof GpuPodsError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Lower-case letters and digits only: "RTX-4090 24GB" → "rtx409024gb". */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The model family of a GPU name, for grouping the same GPU across clouds: the first word holding a digit
 * ("RTX 4090 24GB" → "4090", "A100-PCIE-40G" → "a100", "H100 SXM 80GB" → "h100").
 */
export function modelKey(gpuName: string): string {
  const words = gpuName
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.find((w) => /\d/.test(w) && !/^\d+gb?$/.test(w)) ?? normalise(gpuName);
}

/**
 * The group an offer is listed under: its model family and its VRAM, so an A100 with 40 GB and one with
 * 80 GB are two choices ("a100:80"); a GPU whose VRAM is not known gets a group of its own ("a100:?").
 */
export function groupKey(offer: Pick<GpuOffer, 'gpuName' | 'vramGb'>): string {
  return `${modelKey(offer.gpuName)}:${offer.vramGb ?? '?'}`;
}

/**
 * A picked group matches its offers; typed words each match the name ("h100 sxm") or the VRAM ("a100 80",
 * "a100 80gb").
 */
export function matchesModel(offer: GpuOffer, query: { key?: string; text?: string }): boolean {
  if (query.key !== undefined) return groupKey(offer) === query.key;
  const name = normalise(offer.gpuName);
  const vram = offer.vramGb;
  return (query.text ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .every((w) => name.includes(w) || (vram !== undefined && [`${vram}`, `${vram}g`, `${vram}gb`].includes(w)));
}

export interface ModelChoice {
  /** groupKey of its offers. */
  key: string;
  /** "a100": the model family. */
  family: string;
  vramGb?: number;
  /** Every name the clouds use for it. */
  names: string[];
  clouds: string[];
  offers: number;
  /** Lowest known $/GPU-hour among available offers. */
  cheapest?: number;
  /** Lowest known $/GPU-hour among sold-out offers, when no available one has a price. */
  cheapestSoldOut?: number;
  /** Why no offer has a price, when they all say the same (Yotta: not published). */
  priceMissing?: GpuOffer['priceMissing'];
}

/** The union of GPU models (by family and VRAM) over every answering account, cheapest first, unknown prices last. */
export function modelChoices(results: readonly SourceResult[]): ModelChoice[] {
  const byKey = new Map<string, ModelChoice & { missing: Set<string>; soldOutPrice?: number }>();
  for (const r of results) {
    for (const o of r.offers ?? []) {
      const key = groupKey(o);
      const c = byKey.get(key) ?? {
        key,
        family: modelKey(o.gpuName),
        ...(o.vramGb !== undefined ? { vramGb: o.vramGb } : {}),
        names: [],
        clouds: [],
        offers: 0,
        missing: new Set<string>(),
      };
      if (!c.names.includes(o.gpuName)) c.names.push(o.gpuName);
      if (!c.clouds.includes(r.source.where)) c.clouds.push(r.source.where);
      c.offers++;
      const price = usablePrice(o.pricePerGpuHour);
      if (price === undefined) c.missing.add(o.priceMissing ?? 'unknown');
      else if (o.available) c.cheapest = Math.min(price, c.cheapest ?? Infinity);
      // A sold-out offer still has its price: it is said (marked sold out), not turned into "price unknown".
      else c.soldOutPrice = Math.min(price, c.soldOutPrice ?? Infinity);
      byKey.set(key, c);
    }
  }
  return [...byKey.values()]
    .map(({ missing, soldOutPrice, ...c }): ModelChoice => {
      const out: ModelChoice = { ...c };
      if (out.cheapest === undefined && soldOutPrice !== undefined) out.cheapestSoldOut = soldOutPrice;
      const [reason] = missing;
      if (missing.size === 1 && reason !== 'unknown') out.priceMissing = reason as GpuOffer['priceMissing'];
      return out;
    })
    .sort(
      (a, b) =>
        (a.cheapest ?? Infinity) - (b.cheapest ?? Infinity) ||
        (a.cheapestSoldOut ?? Infinity) - (b.cheapestSoldOut ?? Infinity) ||
        a.key.localeCompare(b.key),
    );
}

export type OfferRow =
  | { kind: 'offer'; source: OfferSource; offer: GpuOffer; price?: number }
  | { kind: 'unavailable'; source: OfferSource; reason: string };

/**
 * One list for the picker: available offers by $/GPU-hour (unknown prices after every known one), then sold-out
 * offers, then one row per account that did not answer, with its reason.
 */
export function offerRows(results: readonly SourceResult[], matches: (offer: GpuOffer) => boolean): OfferRow[] {
  const offers: Array<OfferRow & { kind: 'offer' }> = [];
  const missing: OfferRow[] = [];
  for (const r of results) {
    if (!r.offers) {
      missing.push({ kind: 'unavailable', source: r.source, reason: r.error ?? l10n.t('no answer') });
      continue;
    }
    for (const offer of r.offers)
      if (matches(offer))
        offers.push({ kind: 'offer', source: r.source, offer, price: usablePrice(offer.pricePerGpuHour) });
  }
  offers.sort(
    (a, b) =>
      Number(b.offer.available) - Number(a.offer.available) ||
      (a.price ?? Infinity) - (b.price ?? Infinity) ||
      a.offer.gpuName.localeCompare(b.offer.gpuName) ||
      a.source.where.localeCompare(b.source.where),
  );
  return [...offers, ...missing];
}

/** The region to preselect in the cloud's wizard: the only available one, else none (the wizard asks). */
export function regionFor(offer: GpuOffer): string | undefined {
  const open = offer.regions.filter((r) => r.available);
  return open.length === 1 ? open[0].id : undefined;
}
