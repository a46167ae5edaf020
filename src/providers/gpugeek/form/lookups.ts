import type { QuotedPrice } from '../../../core/model';
import { cleanMessage, type CreateBody, type GpuGeekApi } from '../api';

/**
 * What one GPUGeek wizard run learnt: image and datacenter names (the summary shows names, the create body
 * carries ids), and the last dry-run quote with the body it priced, which the create hands on with the pod.
 */
export class GpuGeekLookups {
  private readonly imageNames = new Map<string, string>();
  private readonly dcNames = new Map<string, string>();
  private quote?: { body: string; quote: QuotedPrice };

  constructor(private readonly api: GpuGeekApi) {}

  async images(signal?: AbortSignal) {
    const list = await this.api.images(signal);
    for (const i of list) this.imageNames.set(i.imageId, cleanMessage(i.name) || i.imageId);
    return list;
  }

  async datacenters(signal?: AbortSignal) {
    const list = await this.api.datacenters(signal);
    for (const d of list) this.dcNames.set(d.dcId, cleanMessage(d.name) || d.dcId);
    return list;
  }

  /** The image's name; the list is read once more when this run has not loaded it (a reopened wizard). */
  async imageName(id: string, signal?: AbortSignal): Promise<string> {
    if (!this.imageNames.has(id)) await this.images(signal).catch(() => undefined);
    return this.imageNames.get(id) ?? id;
  }

  async datacenterName(id: string, signal?: AbortSignal): Promise<string> {
    if (!this.dcNames.has(id)) await this.datacenters(signal).catch(() => undefined);
    return this.dcNames.get(id) ?? id;
  }

  rememberQuote(body: CreateBody, quote: QuotedPrice | undefined): void {
    this.quote = quote && { body: JSON.stringify(body), quote };
  }

  /** The quote the summary showed for exactly this body; none when anything changed since. */
  quoteFor(body: CreateBody): QuotedPrice | undefined {
    return this.quote?.body === JSON.stringify(body) ? this.quote.quote : undefined;
  }
}
