import {
  answerNumber,
  answerString,
  type Answers,
  type CreateContext,
  type CreateForm,
  type PickOption,
  type SummaryLine,
} from '../../core/createForm';
import { ConfigError, UnexpectedResponseError } from '../../core/errors';
import type { Pod } from '../../core/model';
import type { NeevCloudApi } from './api';
import { gpuLabel, isAvailable, isRuntimeItem, mapRuntime, stockWord } from './mapping';
import { zRuntime, type RawInventoryItem, type RawTemplate } from './schemas';

/**
 * The value of a GPU option. Sold-out configs are listed one option per region (disabled) so the UI can
 * offer "notify me" with `registerAlert(regionId, configId)` straight from the value.
 */
export interface NeevGpuChoice {
  configId: string;
  regionId: string;
  gpuModel: string;
  vramGb?: number;
  pricePerGpuHour?: number;
  available: boolean;
}

export function isGpuChoice(v: unknown): v is NeevGpuChoice {
  const c = v as NeevGpuChoice | undefined;
  return !!c && typeof c === 'object' && typeof c.configId === 'string' && typeof c.regionId === 'string';
}

/** Lower-case letters, digits and hyphens, like the CLI's examples ("quickstart-jupyter"). */
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Plan ids as the CLI shows them ("gpu-h200-on-demand-1h"): nothing that could break out of a JSON string or a path. */
const PLAN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** A count picker longer than this is unusable; configs allowing more are capped here. */
const MAX_COUNT_OPTIONS = 16;

const money = (n: number) => `$${n.toFixed(2)}`;
const isJupyter = (t: RawTemplate) => /jupyter/i.test(`${t.id} ${t.name}`) || t.templateSpec?.jupyter === true;

export function neevCreateForm(
  api: NeevCloudApi,
  getPod: (id: string) => Promise<Pod | undefined>,
  findPodsByName: (name: string) => Promise<Pod[]>,
): CreateForm<Pod> {
  // Fail before the wizard runs rather than after the user filled it in.
  api.scope();
  // The GPU step loads the inventory; the region and count steps reuse what it loaded.
  let inventory: RawInventoryItem[] = [];
  const itemsFor = (answers: Answers) => {
    const gpu = answers.gpu;
    return isGpuChoice(gpu) ? inventory.filter((i) => i.config_id === gpu.configId) : [];
  };
  const chosen = (answers: Answers): RawInventoryItem | undefined => {
    const gpu = answers.gpu;
    if (!isGpuChoice(gpu)) return undefined;
    // A region answer left over from another GPU (after Back) does not count.
    const items = itemsFor(answers);
    return (
      items.find((i) => i.region === answerString(answers, 'region')) ?? items.find((i) => i.region === gpu.regionId)
    );
  };

  return {
    fields: [
      {
        kind: 'pick',
        id: 'gpu',
        title: 'GPU',
        placeholder: 'GPU configuration (price per GPU-hour)',
        async options(_answers, signal) {
          inventory = (await api.listInventory({}, signal)).filter(isRuntimeItem);
          return gpuOptions(inventory);
        },
      },
      {
        kind: 'pick',
        id: 'region',
        title: 'Region',
        skip: (answers) => new Set(itemsFor(answers).map((i) => i.region)).size <= 1,
        async options(answers) {
          const gpu = answers.gpu as NeevGpuChoice;
          return itemsFor(answers).map((i) => ({
            label: i.region,
            description: [
              stockWord(i),
              i.price_per_gpu_per_hour !== undefined ? `${money(i.price_per_gpu_per_hour)}/GPU-hour` : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
            value: i.region,
            disabledReason: isAvailable(i) ? undefined : 'sold out',
            picked: i.region === gpu.regionId,
          }));
        },
      },
      {
        kind: 'pick',
        id: 'count',
        title: 'GPU count',
        async options(answers) {
          const item = chosen(answers);
          if (!item) return [];
          const min = Math.max(1, item.min_gpu_count ?? 1);
          const max = Math.min(item.max_gpu_count ?? item.available_gpu_count ?? 8, min + MAX_COUNT_OPTIONS - 1);
          const free = item.available_gpu_count;
          const options: PickOption[] = [];
          for (let n = min; n <= max; n++) {
            const price = item.price_per_gpu_per_hour;
            options.push({
              label: `${n} × ${item.gpu_model}`,
              description: price !== undefined ? `${money(price * n)}/hour` : 'price unknown',
              value: n,
              disabledReason: free !== undefined && n > free ? `only ${free} free in ${item.region}` : undefined,
              picked: n === min,
            });
          }
          return options;
        },
      },
      {
        kind: 'pick',
        id: 'template',
        title: 'Template',
        placeholder: 'What the runtime starts with',
        async options(_answers, signal) {
          const templates = await api.listTemplates(signal);
          const preferred = templates.find(isJupyter) ?? templates[0];
          return templates.map((t) => ({
            // `name` is optional in the reference; the id stands in for it.
            label: t.name ?? t.id,
            description: t.id,
            detail: t.description ?? undefined,
            value: t.id,
            picked: t === preferred,
          }));
        },
      },
      {
        // The CLI sends a plan with every create ("a plan you can access", listed by `neev-cli billing products
        // list`); the API reference publishes no plan listing GPU Pods could read, so the user confirms the id.
        // The suggestion follows the CLI's example naming for the chosen GPU and is shown again in the summary.
        kind: 'text',
        id: 'plan',
        title: 'Plan',
        prompt: 'NeevCloud billing plan id your account can use (see `neev-cli billing products list` or the console)',
        initial: (answers) =>
          suggestedPlan(chosen(answers)?.gpu_model ?? (isGpuChoice(answers.gpu) ? answers.gpu.gpuModel : undefined)),
        validate: (value) => (PLAN.test(value.trim()) ? undefined : 'Enter the plan id, e.g. gpu-h200-on-demand-1h.'),
      },
      {
        kind: 'text',
        id: 'name',
        title: 'Name',
        prompt: 'Runtime name: lower-case letters, digits and hyphens',
        initial: (answers) => {
          const model = isGpuChoice(answers.gpu)
            ? answers.gpu.gpuModel.toLowerCase().replace(/[^a-z0-9]+/g, '-')
            : 'gpu';
          return `${model}-${Math.random().toString(36).slice(2, 6)}`.replace(/^-+/, '');
        },
        validate: (value) =>
          NAME.test(value.trim())
            ? undefined
            : 'Use 1–63 lower-case letters, digits or hyphens, starting and ending with a letter or digit.',
      },
    ],

    async summarize(answers, ctx) {
      const { body, item } = request(answers, ctx, chosen(answers), false);
      // The config detail is the cloud's current word on the price; the inventory figure is the fallback.
      const [config, template] = await Promise.all([
        api.getGpuConfig(body.gpuConfigID, ctx.signal).catch(() => undefined),
        api.getTemplate(body.templateID, ctx.signal).catch(() => undefined),
      ]);
      const perGpu = config?.price_per_gpu_per_hour ?? item?.price_per_gpu_per_hour;
      const lines: SummaryLine[] = [
        { label: 'GPU', value: `${body.gpuCount} × ${gpuLabel(config ?? item ?? { gpu_model: body.gpuConfigID })}` },
        { label: 'Region', value: body.region },
        { label: 'Template', value: template?.name ? `${template.name} (${template.id})` : body.templateID },
        { label: 'Plan', value: body.planId },
        { label: 'Name', value: body.name },
        {
          label: 'Price',
          value:
            perGpu !== undefined
              ? `${money(perGpu * body.gpuCount)}/hour (${body.gpuCount} × ${money(perGpu)} per GPU-hour)`
              : 'unknown',
        },
        {
          label: 'SSH',
          value: ctx.sshPublicKey ? 'your public key is installed at create' : 'no SSH public key: set one up first',
        },
        { label: 'Note', value: 'NeevCloud runtimes cannot be stopped; delete the runtime to stop paying.' },
      ];
      return lines;
    },

    // The GPU option's value also names its best region; matching on the config id alone finds it.
    answersForOffer: (offer, regionId) => ({ gpu: { configId: offer.id }, ...(regionId ? { region: regionId } : {}) }),

    async create(answers, ctx) {
      api.scope();
      const { body } = request(answers, ctx, chosen(answers), true);
      const answer = await api.createRuntime(body, ctx.signal);
      const parsed = zRuntime.safeParse(answer);
      if (parsed.success) return mapRuntime(parsed.data);
      // The create answer is not documented: an id is enough to fetch the runtime, a name is the last resort.
      const id = (answer as { id?: unknown } | undefined)?.id;
      const pod =
        typeof id === 'string' || typeof id === 'number'
          ? await getPod(String(id))
          : (await findPodsByName(body.name))[0];
      if (pod) return pod;
      throw new UnexpectedResponseError(
        'NeevCloud accepted the runtime but did not say which one it is; refresh the list to see it.',
        JSON.stringify(answer ?? '').slice(0, 500),
      );
    },
  };
}

/** The create body from the answers; `strict` also demands the SSH key (create) rather than noting it (summary). */
function request(answers: Answers, ctx: CreateContext, item: RawInventoryItem | undefined, strict: boolean) {
  const gpu = answers.gpu;
  if (!isGpuChoice(gpu)) throw new ConfigError('Pick a NeevCloud GPU configuration first.');
  const templateID = answerString(answers, 'template');
  if (!templateID) throw new ConfigError('Pick a NeevCloud runtime template first.');
  const name = answerString(answers, 'name')?.trim() ?? '';
  if (!NAME.test(name)) throw new ConfigError('The runtime name must be lower-case letters, digits or hyphens.');
  const gpuCount = answerNumber(answers, 'count') ?? item?.min_gpu_count ?? 1;
  const planId = answerString(answers, 'plan')?.trim() ?? '';
  if (!PLAN.test(planId)) throw new ConfigError('Enter the NeevCloud plan id to create the runtime on.');
  const sshPublicKey = ctx.sshPublicKey?.trim();
  if (strict && !sshPublicKey) {
    throw new ConfigError(
      'NeevCloud runtimes are reached over SSH with your public key, and none is set up yet; create or pick an SSH key first.',
    );
  }
  return {
    item,
    body: {
      name,
      region: item?.region ?? answerString(answers, 'region') ?? gpu.regionId,
      templateID,
      gpuConfigID: gpu.configId,
      gpuCount,
      planId,
      sshKeys: sshPublicKey ? [sshPublicKey] : [],
    },
  };
}

/** The CLI example's plan naming ("gpu-h200-on-demand-1h") for a GPU model: a suggestion the user confirms. */
export function suggestedPlan(gpuModel: string | undefined): string {
  const slug = (gpuModel ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `gpu-${slug}-on-demand-1h` : '';
}

/** Available configs first (one option each, best region preselected), then sold-out ones per region. */
export function gpuOptions(items: RawInventoryItem[]): PickOption<NeevGpuChoice>[] {
  const byConfig = new Map<string, RawInventoryItem[]>();
  for (const i of items) byConfig.set(i.config_id, [...(byConfig.get(i.config_id) ?? []), i]);
  const available: PickOption<NeevGpuChoice>[] = [];
  const soldOut: PickOption<NeevGpuChoice>[] = [];
  for (const group of byConfig.values()) {
    const free = group.filter(isAvailable).sort((a, b) => (b.available_gpu_count ?? 0) - (a.available_gpu_count ?? 0));
    const describe = (i: RawInventoryItem) =>
      [
        i.price_per_gpu_per_hour !== undefined ? `${money(i.price_per_gpu_per_hour)}/GPU-hour` : 'price unknown',
        stockWord(i),
      ].join(' · ');
    const specs = (i: RawInventoryItem) =>
      [
        i.default_cpu_cores !== undefined ? `${i.default_cpu_cores} vCPU` : '',
        i.default_memory_gib !== undefined ? `${i.default_memory_gib} GiB RAM` : '',
      ]
        .filter(Boolean)
        .join(', ');
    const choice = (i: RawInventoryItem, ok: boolean): NeevGpuChoice => ({
      configId: i.config_id,
      regionId: i.region,
      gpuModel: i.gpu_model,
      vramGb: i.vram_gib,
      pricePerGpuHour: i.price_per_gpu_per_hour,
      available: ok,
    });
    if (free.length > 0) {
      const best = free[0];
      available.push({
        label: gpuLabel(best),
        description: describe(best),
        detail: [`${group.map((g) => g.region).join(', ')}`, specs(best), best.config_id].filter(Boolean).join(' · '),
        value: choice(best, true),
      });
      continue;
    }
    for (const i of group) {
      soldOut.push({
        label: gpuLabel(i),
        description: describe(i),
        detail: [i.region, specs(i), i.config_id].filter(Boolean).join(' · '),
        value: choice(i, false),
        disabledReason: `sold out in ${i.region}`,
      });
    }
  }
  const byPrice = (a: PickOption<NeevGpuChoice>, b: PickOption<NeevGpuChoice>) =>
    (a.value.pricePerGpuHour ?? Infinity) - (b.value.pricePerGpuHour ?? Infinity);
  return [...available.sort(byPrice), ...soldOut.sort(byPrice)];
}
