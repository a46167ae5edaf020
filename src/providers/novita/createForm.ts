import {
  type Answers,
  answerNumber,
  answerString,
  type CreateForm,
  type PickOption,
  type SummaryLine,
} from '../../core/createForm';
import { CloudError } from '../../core/errors';
import type { Pod } from '../../core/model';
import type { CreateInstanceBody, NovitaApi } from './api';
import { formatUsd, isDeployable, mapInstance, productInCluster, stockWord, usdPerHour } from './mapping';
import { formatPorts, JUPYTER_PORT, parsePorts } from './ports';
import type { RawProduct, RawTemplate } from './schemas';

export const DEFAULT_IMAGE = 'pytorch/pytorch:2.2.1-cuda12.1-cudnn8-devel';
const TEMPLATE_PREFIX = 'template:';
const ROOTFS_LIMITS = { min: 10, max: 6144 };
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function str(v: string | number | null | undefined): string | undefined {
  return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim();
}

function byPrice(a: RawProduct, b: RawProduct): number {
  return (
    (usdPerHour(a.price) ?? Infinity) - (usdPerHour(b.price) ?? Infinity) ||
    String(a.name).localeCompare(String(b.name))
  );
}

export function validateImage(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Enter an image, e.g. pytorch/pytorch:latest.';
  if (v.length > 500) return 'The image URL may be at most 500 characters.';
  if (/\s/.test(v)) return 'The image URL may not contain spaces.';
  return undefined;
}

/** Novita's create wizard as data. Caches what each step loaded so later steps and create see the same facts. */
export function novitaCreateForm(api: NovitaApi): CreateForm<Pod> {
  const products = new Map<string, RawProduct>();
  const templates = new Map<string, RawTemplate>();

  const product = (answers: Answers) => products.get(answerString(answers, 'productId') ?? '');
  const gpuNum = (answers: Answers) => answerNumber(answers, 'gpuNum') ?? 1;
  const template = (answers: Answers) => {
    const image = answerString(answers, 'image') ?? '';
    return image.startsWith(TEMPLATE_PREFIX) ? templates.get(image.slice(TEMPLATE_PREFIX.length)) : undefined;
  };
  const limits = (
    lo: number | null | undefined,
    hi: number | null | undefined,
    fallback: { min: number; max: number },
  ) => ({
    min: lo ?? fallback.min,
    max: hi ?? fallback.max,
  });
  const rootLimits = (a: Answers) => limits(product(a)?.minRootFS, product(a)?.maxRootFS, ROOTFS_LIMITS);
  const localLimits = (a: Answers) =>
    limits(product(a)?.minLocalStorage, product(a)?.maxLocalStorage, { min: 0, max: 6144 });
  const toolPorts = (a: Answers) => (a.jupyter === false ? [] : [JUPYTER_PORT]);
  const inRange = (label: string, lim: { min: number; max: number }) => (value: string) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n)) return `${label} must be a whole number of GB.`;
    return n < lim.min || n > lim.max ? `${label} must be between ${lim.min} and ${lim.max} GB.` : undefined;
  };

  async function loadTemplates(signal?: AbortSignal): Promise<RawTemplate[]> {
    const lists = await Promise.all(
      (['official', 'private'] as const).map((c) => api.listTemplates(c, signal).catch(() => [] as RawTemplate[])),
    );
    const all = lists.flat();
    for (const t of all) templates.set(t.id, t);
    return all;
  }

  async function resolveImage(
    answers: Answers,
  ): Promise<{ imageUrl: string; command: string; template?: RawTemplate }> {
    const choice = answerString(answers, 'image') ?? DEFAULT_IMAGE;
    if (!choice.startsWith(TEMPLATE_PREFIX)) return { imageUrl: choice.trim(), command: '' };
    const id = choice.slice(TEMPLATE_PREFIX.length);
    const t = templates.get(id) ?? (await api.getTemplate(id));
    const imageUrl = str(t.image);
    if (!imageUrl) throw new CloudError(`The Novita template ${str(t.name) ?? id} has no image.`, 'TEMPLATE_NO_IMAGE');
    return { imageUrl, command: str(t.startCommand) ?? '', template: t };
  }

  function body(answers: Answers, image: { imageUrl: string; command: string }): CreateInstanceBody {
    const jupyter = answers.jupyter !== false;
    const parsed = parsePorts(answerString(answers, 'ports') ?? '', toolPorts(answers));
    if (!parsed.ok) throw new CloudError(parsed.error, 'INVALID_PORTS');
    const diskSize = answerNumber(answers, 'diskSize') ?? 0;
    const storages = Array.isArray(answers.networkStorages)
      ? answers.networkStorages.filter((s): s is string => typeof s === 'string')
      : [];
    const out: CreateInstanceBody = {
      name: (answerString(answers, 'name') ?? '').trim(),
      productId: answerString(answers, 'productId') ?? '',
      gpuNum: gpuNum(answers),
      rootfsSize: answerNumber(answers, 'rootfsSize') ?? rootLimits(answers).min,
      diskSize,
      imageUrl: image.imageUrl,
      ports: formatPorts(parsed.ports),
      command: image.command,
      kind: 'gpu',
    };
    const cluster = answerString(answers, 'clusterId');
    if (cluster) out.clusterId = cluster;
    if (jupyter) out.tools = [{ name: 'Jupyter', port: String(JUPYTER_PORT), type: 'http' }];
    if (diskSize > 0) out.localStorageMountPoint = '/workspace';
    if (storages.length) out.networkStorages = storages.map((Id, i) => ({ Id, mountPoint: `/network_${i}` }));
    return out;
  }

  return {
    fields: [
      {
        kind: 'pick',
        id: 'productId',
        title: 'GPU',
        placeholder: 'GPU product (price per GPU-hour)',
        async options(_a, signal) {
          const list = (await api.listProducts({}, signal)).sort(byPrice);
          products.clear();
          for (const p of list) products.set(p.id, p);
          return list.map((p): PickOption => {
            const stock = stockWord(p);
            const price = usdPerHour(p.price);
            return {
              label: str(p.name) ?? p.id,
              description: [
                price !== undefined ? `${formatUsd(price)} per GPU` : 'price unknown',
                stock && `stock: ${stock}`,
              ]
                .filter(Boolean)
                .join(' · '),
              detail: [
                p.cpuPerGpu && `${p.cpuPerGpu} vCPU/GPU`,
                p.memoryPerGpu && `${p.memoryPerGpu} GB RAM/GPU`,
                p.diskPerGpu && `${p.diskPerGpu} GB disk/GPU`,
              ]
                .filter(Boolean)
                .join(', '),
              value: p.id,
              ...(isDeployable(p) ? {} : { disabledReason: 'sold out' }),
            };
          });
        },
      },
      {
        kind: 'pick',
        id: 'gpuNum',
        title: 'GPU count',
        async options(a) {
          const price = usdPerHour(product(a)?.price);
          return [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
            label: `${n} × ${str(product(a)?.name) ?? 'GPU'}`,
            description: price !== undefined ? formatUsd(price * n) : undefined,
            value: n,
            picked: n === 1,
          }));
        },
      },
      {
        kind: 'pick',
        id: 'clusterId',
        title: 'Cluster',
        async options(a, signal) {
          const p = product(a);
          const n = gpuNum(a);
          // Ask again for this count: availability depends on how many GPUs are free together.
          const [fresh, clusters] = await Promise.all([
            api.listProducts({ gpuNum: n, productName: str(p?.name) }, signal),
            api.listClusters(signal),
          ]);
          const now = fresh.find((f) => f.id === p?.id);
          const reason = !now
            ? `not offered with ${n} GPU(s)`
            : isDeployable(now)
              ? undefined
              : `sold out for ${n} GPU(s)`;
          const options: PickOption[] = [
            {
              label: 'Any cluster',
              description: 'Novita picks one with stock',
              value: '',
              picked: true,
              ...(reason ? { disabledReason: reason } : {}),
            },
          ];
          for (const c of clusters) {
            if (now && !productInCluster(now, c)) continue;
            options.push({
              label: str(c.name) ?? c.id,
              description: c.id,
              value: c.id,
              ...(reason ? { disabledReason: reason } : {}),
            });
          }
          return options;
        },
      },
      {
        kind: 'pick',
        id: 'image',
        title: 'Image or template',
        optional: {
          what: 'Templates',
          without: { label: 'PyTorch', description: DEFAULT_IMAGE, value: DEFAULT_IMAGE },
        },
        async options(_a, signal) {
          const list = await loadTemplates(signal);
          return [
            { label: 'PyTorch', description: DEFAULT_IMAGE, value: DEFAULT_IMAGE, picked: true },
            ...list
              .filter((t) => str(t.image))
              .map((t) => ({
                label: str(t.name) ?? t.id,
                description: `${str(t.channel) ?? 'template'} · ${str(t.image)}`,
                value: TEMPLATE_PREFIX + t.id,
              })),
          ];
        },
        allowCustom: { prompt: 'Docker image, e.g. nvcr.io/nvidia/pytorch:24.05-py3', validate: validateImage },
      },
      {
        kind: 'number',
        id: 'rootfsSize',
        title: 'Root disk (GB)',
        prompt: 'Root filesystem size in GB',
        initial: (a) =>
          String(Math.min(rootLimits(a).max, Math.max(rootLimits(a).min, template(a)?.rootfsSize ?? 0, 30))),
        validate: (v, a) => inRange('Root disk', rootLimits(a))(v),
      },
      {
        kind: 'number',
        id: 'diskSize',
        title: 'Local disk (GB)',
        prompt: 'Local disk mounted at /workspace, in GB',
        initial: (a) => String(localLimits(a).min),
        validate: (v, a) => inRange('Local disk', localLimits(a))(v),
      },
      {
        kind: 'pick',
        id: 'jupyter',
        title: 'Jupyter',
        async options() {
          return [
            { label: 'Jupyter on', description: `port ${JUPYTER_PORT}`, value: true, picked: true },
            { label: 'Jupyter off', value: false },
          ];
        },
      },
      {
        kind: 'text',
        id: 'ports',
        title: 'Ports',
        prompt: 'Extra ports, e.g. 8080/tcp,8081/http (2222–2224 are reserved)',
        initial: (a) => {
          const t = template(a);
          const specs = (t?.ports ?? []).flatMap((g) =>
            (g.ports ?? []).map((port) => `${port}/${str(g.type) === 'http' ? 'http' : 'tcp'}`),
          );
          const ok = parsePorts(specs.join(','), toolPorts(a));
          return ok.ok ? formatPorts(ok.ports) : '';
        },
        validate: (v, a) => {
          const r = parsePorts(v, toolPorts(a));
          return r.ok ? undefined : r.error;
        },
      },
      {
        kind: 'multiPick',
        id: 'networkStorages',
        optional: { what: 'Network storages' },
        title: 'Network storage',
        placeholder: 'Mount network storage (optional)',
        async options(a, signal) {
          const cluster = answerString(a, 'clusterId');
          const list = await api.listStorages({}, signal);
          return list
            .filter((s) => !cluster || !s.clusterId || s.clusterId === cluster)
            .map((s) => ({
              label: str(s.storageName) ?? s.storageId,
              description: [s.storageSize ? `${s.storageSize} GB` : undefined, str(s.clusterName)]
                .filter(Boolean)
                .join(' · '),
              value: s.storageId,
            }));
        },
      },
      {
        kind: 'text',
        id: 'name',
        title: 'Name',
        prompt: 'Instance name',
        initial: (a) =>
          `${(str(product(a)?.name) ?? 'gpu')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')}-pod`,
        validate: (v) =>
          NAME.test(v.trim())
            ? undefined
            : 'Use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
      },
    ],

    async summarize(answers, ctx): Promise<SummaryLine[]> {
      const n = gpuNum(answers);
      const p = product(answers);
      const image = await resolveImage(answers);
      const b = body(answers, image);
      // Fresh price: the list may be minutes old by now.
      const fresh = (await api.listProducts({ gpuNum: n, productName: str(p?.name) }, ctx.signal)).find(
        (f) => f.id === b.productId,
      );
      const perGpu = usdPerHour(fresh?.price ?? p?.price);
      const lines: SummaryLine[] = [
        { label: 'GPU', value: `${n} × ${str(p?.name) ?? b.productId}` },
        {
          label: 'Price',
          value: perGpu === undefined ? 'unknown' : `${formatUsd(perGpu * n)} (${n} × ${formatUsd(perGpu)})`,
        },
        { label: 'Cluster', value: b.clusterId ?? 'any' },
        { label: 'Image', value: image.template ? `${str(image.template.name)} (${image.imageUrl})` : image.imageUrl },
        { label: 'Root disk', value: `${b.rootfsSize} GB` },
        { label: 'Local disk', value: `${b.diskSize} GB` },
        { label: 'Ports', value: b.ports || 'none' },
        { label: 'Jupyter', value: b.tools ? 'on' : 'off' },
        { label: 'Network storage', value: b.networkStorages?.map((s) => s.Id).join(', ') || 'none' },
        { label: 'Name', value: b.name },
      ];
      if (!fresh)
        lines.splice(2, 0, {
          label: 'Warning',
          value: 'This product is no longer listed; the create will probably be refused.',
        });
      else if (!isDeployable(fresh))
        lines.splice(2, 0, { label: 'Warning', value: 'This product is sold out right now.' });
      return lines;
    },

    answersForOffer: (offer, regionId) => ({ productId: offer.id, ...(regionId ? { clusterId: regionId } : {}) }),

    async create(answers, ctx): Promise<Pod> {
      const image = await resolveImage(answers);
      const b = body(answers, image);
      const id = await api.createInstance(b, ctx.signal);
      try {
        return mapInstance(await api.getInstance(id, ctx.signal));
      } catch {
        // The instance exists and costs money: never report the create as failed because the follow-up read did.
        return {
          cloud: 'novita',
          kind: 'pod',
          id,
          name: b.name || id,
          status: 'provisioning',
          rawStatus: 'toCreate',
          ports: [],
          details: [],
        };
      }
    },
  };
}
