import { type Answers, answerNumber, answerString } from '../../../core/createForm';
import { CloudError } from '../../../core/errors';
import type { NovitaApi } from '../api';
import { usdPerHour } from '../mapping';
import { JUPYTER_PORT } from '../ports';
import type { RawCluster, RawProduct, RawStorage, RawTemplate } from '../schemas';
import { l10n } from '../../../core/l10n';

export const DEFAULT_IMAGE = 'pytorch/pytorch:2.2.1-cuda12.1-cudnn8-devel';
export const TEMPLATE_PREFIX = 'template:';
const ROOTFS_LIMITS = { min: 10, max: 6144 };
const LOCAL_LIMITS = { min: 0, max: 6144 };

export interface Limits {
  min: number;
  max: number;
}

/** Novita's text fields: a blank or missing one is undefined, others trimmed. */
export function str(v: string | number | null | undefined): string | undefined {
  return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim();
}

export function byPrice(a: RawProduct, b: RawProduct): number {
  return (
    (usdPerHour(a.price) ?? Infinity) - (usdPerHour(b.price) ?? Infinity) ||
    String(a.name).localeCompare(String(b.name))
  );
}

const limits = (lo: number | null | undefined, hi: number | null | undefined, fallback: Limits): Limits => ({
  min: lo ?? fallback.min,
  max: hi ?? fallback.max,
});

/** What one wizard run loaded (products, templates), so later steps and the create see the same facts. */
export class NovitaCatalog {
  readonly products = new Map<string, RawProduct>();
  private readonly templates = new Map<string, RawTemplate>();
  /** Cluster and storage names by id: the summary shows names, the body carries ids. */
  private readonly names = { clusters: new Map<string, string>(), storages: new Map<string, string>() };
  constructor(readonly api: NovitaApi) {}

  async clusters(signal?: AbortSignal): Promise<RawCluster[]> {
    const list = await this.api.listClusters(signal);
    for (const c of list) this.names.clusters.set(c.id, str(c.name) ?? c.id);
    return list;
  }

  async storages(signal?: AbortSignal): Promise<RawStorage[]> {
    const list = await this.api.listStorages({}, signal);
    for (const s of list) this.names.storages.set(s.storageId, str(s.storageName) ?? s.storageId);
    return list;
  }

  /** The cluster's name; the list is read again when this run has not loaded it (a reopened wizard). */
  async clusterName(id: string, signal?: AbortSignal): Promise<string> {
    if (!this.names.clusters.has(id)) await this.clusters(signal).catch(() => undefined);
    return this.names.clusters.get(id) ?? id;
  }

  async storageNames(ids: readonly string[], signal?: AbortSignal): Promise<string[]> {
    if (ids.some((id) => !this.names.storages.has(id))) await this.storages(signal).catch(() => undefined);
    return ids.map((id) => this.names.storages.get(id) ?? id);
  }

  product = (answers: Answers) => this.products.get(answerString(answers, 'productId') ?? '');
  gpuNum = (answers: Answers) => answerNumber(answers, 'gpuNum') ?? 1;
  template = (answers: Answers) => {
    const image = answerString(answers, 'image') ?? '';
    return image.startsWith(TEMPLATE_PREFIX) ? this.templates.get(image.slice(TEMPLATE_PREFIX.length)) : undefined;
  };
  rootLimits = (a: Answers) => limits(this.product(a)?.minRootFS, this.product(a)?.maxRootFS, ROOTFS_LIMITS);
  localLimits = (a: Answers) =>
    limits(this.product(a)?.minLocalStorage, this.product(a)?.maxLocalStorage, LOCAL_LIMITS);
  /** Ports the built-in tools take (Jupyter unless turned off). */
  toolPorts = (a: Answers) => (a.jupyter === false ? [] : [JUPYTER_PORT]);

  async loadTemplates(signal?: AbortSignal): Promise<RawTemplate[]> {
    const lists = await Promise.all(
      (['official', 'private'] as const).map((c) => this.api.listTemplates(c, signal).catch(() => [] as RawTemplate[])),
    );
    const all = lists.flat();
    for (const t of all) this.templates.set(t.id, t);
    return all;
  }

  /** The image (and start command) to run: the one typed, or the picked template's. */
  async resolveImage(answers: Answers): Promise<{ imageUrl: string; command: string; template?: RawTemplate }> {
    const choice = answerString(answers, 'image') ?? DEFAULT_IMAGE;
    if (!choice.startsWith(TEMPLATE_PREFIX)) return { imageUrl: choice.trim(), command: '' };
    const id = choice.slice(TEMPLATE_PREFIX.length);
    const t = this.templates.get(id) ?? (await this.api.getTemplate(id));
    this.templates.set(id, t); // the environment step's start command says what this template runs
    const imageUrl = str(t.image);
    if (!imageUrl)
      throw new CloudError(l10n.t('The Novita template {0} has no image.', str(t.name) ?? id), 'TEMPLATE_NO_IMAGE');
    return { imageUrl, command: str(t.startCommand) ?? '', template: t };
  }
}
