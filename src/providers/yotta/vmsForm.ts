import { CachedLoad } from '../../core/cachedLoad';
import { type Answers, answerString, type CreateForm, type PickOption, type SummaryLine } from '../../core/createForm';
import { CloudError } from '../../core/errors';
import type { Pod, Volume } from '../../core/model';
import { CLOUD_NAME } from './api';
import { validateMountPath, validateName } from './formInput';
import { gpuInfo } from './gpuTypes';
import type { YottaResources } from './resources';
import type { RawVmType } from './schemas';
import type { VmSpec, YottaVms } from './vms';

/** Keeps what the cloud said during one wizard run, so Back and later steps need no extra requests. */
class VmLookups {
  private readonly types: CachedLoad<RawVmType[]>;
  private readonly volumes: CachedLoad<Volume[]>;
  /** Names of the volumes last listed, for the synchronous default of the mount paths step. */
  volumeNames = new Map<string, string>();
  constructor(vms: YottaVms, res: YottaResources) {
    this.types = new CachedLoad((signal) => vms.types(signal));
    this.volumes = new CachedLoad(async (signal) => {
      const vols = await res.listVolumes(signal);
      for (const v of vols) this.volumeNames.set(v.id, v.name);
      return vols;
    });
  }
  forget() {
    this.types.forget();
    this.volumes.forget();
  }
  typeList(signal?: AbortSignal) {
    return this.types.get(signal);
  }
  volumeList(signal?: AbortSignal) {
    return this.volumes.get(signal);
  }
  async type(answers: Answers) {
    return (await this.typeList()).find((t) => t.gpuType === answerString(answers, 'vmType'));
  }
}

export function pickedVolumes(answers: Answers): string[] {
  const v = answers.volumes;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** "/mnt/<volume name>", made path-safe. */
export function defaultMountPath(name: string | undefined, id: string): string {
  const slug = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `/mnt/${slug || `volume-${id}`}`;
}

/** Comma- or line-separated paths, one per picked volume in order; empty means the defaults. */
export function parseMountPaths(text: string, count: number): { paths?: string[]; error?: string } {
  const parts = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length !== count)
    return { error: `Give ${count} mount path${count === 1 ? '' : 's'}, one per volume, in the order picked.` };
  for (const p of parts) {
    const bad = validateMountPath(p);
    if (bad) return { error: `"${p.slice(0, 60)}": ${bad}` };
  }
  if (new Set(parts).size !== parts.length) return { error: 'Each volume needs its own mount path.' };
  return { paths: parts };
}

function defaultVmName(answers: Answers): string {
  const gpu = gpuInfo(answerString(answers, 'vmType'))?.name ?? 'vm';
  const slug =
    gpu
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'gpu';
  return `${slug}-vm`;
}

/** The VM wizard: VM type (GPU), region, spot or on-demand, volumes and their paths, name, then the summary. */
export function vmCreateForm(vms: YottaVms, res: YottaResources): CreateForm<Pod> {
  const look = new VmLookups(vms, res);

  const mounts = (answers: Answers): Record<string, string> => {
    const ids = pickedVolumes(answers);
    const given = parseMountPaths(answerString(answers, 'mountPaths') ?? '', ids.length).paths;
    const out: Record<string, string> = {};
    ids.forEach((id, i) => (out[id] = given?.[i] ?? defaultMountPath(look.volumeNames.get(id), id)));
    return out;
  };

  const spec = async (answers: Answers): Promise<VmSpec> => {
    const type = await look.type(answers);
    const region = answerString(answers, 'region') ?? '';
    const entry = type?.regions?.find((r) => r.region === region);
    if (!type || !entry?.vmTypeId) {
      throw new CloudError(
        `${CLOUD_NAME} does not offer ${answerString(answers, 'vmType') ?? 'that VM type'} in ${region || 'that region'} any more; pick again.`,
        'vmType',
      );
    }
    return {
      name: (answerString(answers, 'name') ?? defaultVmName(answers)).trim(),
      vmTypeId: entry.vmTypeId,
      region,
      spot: answerString(answers, 'pricing') === 'spot',
      volumeMountPaths: mounts(answers),
    };
  };

  return {
    fields: [
      {
        kind: 'pick',
        id: 'vmType',
        title: 'GPU (VM type)',
        async options(_a, signal) {
          look.forget(); // stock changes: a fresh look whenever this step shows
          return (await look.typeList(signal)).map((t): PickOption => {
            const info = gpuInfo(t.gpuType);
            const open = (t.regions ?? []).filter((r) => r.available === true);
            return {
              label: info?.name ?? t.gpuType,
              description: info?.vramGb ? `${info.vramGb} GB VRAM` : undefined,
              detail: open.length ? `Available in ${open.map((r) => r.regionName || r.region).join(', ')}` : undefined,
              value: t.gpuType,
              disabledReason: open.length ? undefined : 'Sold out in every region',
            };
          });
        },
      },
      {
        kind: 'pick',
        id: 'region',
        title: 'Region',
        async options(answers) {
          const type = await look.type(answers);
          const regions = type?.regions ?? [];
          const first = regions.find((r) => r.available === true);
          const gpu = gpuInfo(type?.gpuType)?.name ?? 'This GPU';
          return regions.map((r) => ({
            label: r.regionName || r.region,
            description: r.regionName && r.regionName !== r.region ? r.region : undefined,
            value: r.region,
            picked: r === first,
            disabledReason: r.available === true ? undefined : `${gpu} is sold out here`,
          }));
        },
      },
      {
        kind: 'pick',
        id: 'pricing',
        title: 'Spot or on-demand',
        async options() {
          return [
            { label: 'On-demand', description: 'runs until you terminate it', value: 'onDemand', picked: true },
            { label: 'Spot', description: 'cheaper; the cloud may reclaim it', value: 'spot' },
          ];
        },
      },
      {
        kind: 'multiPick',
        id: 'volumes',
        title: 'Volumes to mount (optional)',
        optional: { what: 'Volumes' },
        async options(answers, signal) {
          const region = answerString(answers, 'region');
          return (await look.volumeList(signal)).map((v) => ({
            label: v.name,
            description: [v.sizeGb ? `${v.sizeGb} GB` : '', v.type ?? '', v.region ?? ''].filter(Boolean).join(' · '),
            value: v.id,
            disabledReason:
              region && v.region && v.region !== region
                ? `In ${v.region}, not ${region}`
                : v.status !== 'active'
                  ? `Volume is ${v.status}`
                  : undefined,
          }));
        },
      },
      {
        kind: 'text',
        id: 'mountPaths',
        title: 'Mount paths',
        skip: (a) => pickedVolumes(a).length === 0,
        prompt: 'One absolute path per volume, in the order picked, separated by commas',
        initial: (a) =>
          pickedVolumes(a)
            .map((id) => defaultMountPath(look.volumeNames.get(id), id))
            .join(', '),
        validate: (v, a) => parseMountPaths(v, pickedVolumes(a).length).error,
      },
      {
        kind: 'text',
        id: 'name',
        title: 'Name',
        initial: (a) => defaultVmName(a),
        validate: (v) => validateName(v),
      },
    ],

    async summarize(answers): Promise<SummaryLine[]> {
      const s = await spec(answers);
      const type = await look.type(answers);
      const info = gpuInfo(type?.gpuType);
      const region = type?.regions?.find((r) => r.region === s.region);
      const vols = Object.entries(s.volumeMountPaths).map(
        ([id, path]) => `${look.volumeNames.get(id) ?? id} at ${path}`,
      );
      return [
        { label: 'Name', value: s.name, fieldId: 'name' },
        {
          label: 'GPU (VM type)',
          value: `${info?.name ?? type?.gpuType ?? ''}${info?.vramGb ? ` (${info.vramGb} GB VRAM)` : ''}`,
          fieldId: 'vmType',
        },
        {
          label: 'Region',
          value: region?.regionName && region.regionName !== s.region ? `${region.regionName} (${s.region})` : s.region,
          fieldId: 'region',
        },
        { label: 'Pricing', value: s.spot ? 'Spot (may be reclaimed)' : 'On-demand', fieldId: 'pricing' },
        { label: 'Volumes', value: vols.join(', ') || 'none', fieldId: 'volumes' },
        { label: 'Price', value: 'Yotta Labs does not publish a price through its API; see the console' },
      ];
    },

    async create(answers, ctx) {
      const s = await spec(answers);
      try {
        return await vms.create(s, ctx.signal);
      } catch (e) {
        look.forget(); // e.g. sold out: the type and region steps must show the new stock when the user goes back
        throw e;
      }
    },
  };
}
