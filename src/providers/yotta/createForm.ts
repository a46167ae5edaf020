import { CachedLoad } from '../../core/cachedLoad';
import {
  type Answers,
  answerNumber,
  answerString,
  type CreateContext,
  type CreateForm,
  type PickOption,
  type SummaryLine,
} from '../../core/createForm';
import type { GpuOffer, Pod, Volume } from '../../core/model';
import {
  CONTAINER_DISK,
  DEFAULT_IMAGE,
  DEFAULT_MOUNT_PATH,
  defaultName,
  type ExposedPort,
  parseEnv,
  parsePorts,
  validateImage,
  validateIntRange,
  validateMountPath,
  validateName,
  VOLUME_SIZE,
} from './formInput';
import { GPU_COUNTS, gpuInfo } from './gpuTypes';
import type { PodSpec, YottaPods } from './pods';
import type { RegistryCredential, YottaResources } from './resources';

const PORT_CHOICES: Array<{ value: string; label: string; picked: boolean }> = [
  { value: '22/SSH', label: 'SSH (22)', picked: true },
  { value: '8888/HTTP', label: 'Jupyter (8888)', picked: true },
  { value: '6006/HTTP', label: 'TensorBoard (6006)', picked: false },
  { value: '7860/HTTP', label: 'Gradio (7860)', picked: false },
  { value: '8000/HTTP', label: 'HTTP API (8000)', picked: false },
];

/** Keeps what the cloud said during one wizard run, so Back and the region step need no extra requests. */
class Lookups {
  private readonly offers: CachedLoad<GpuOffer[]>;
  private readonly volumes: CachedLoad<Volume[]>;
  private readonly creds: CachedLoad<RegistryCredential[]>;
  constructor(res: YottaResources) {
    this.offers = new CachedLoad((signal) => res.listOffers(signal));
    this.volumes = new CachedLoad((signal) => res.listVolumes(signal));
    this.creds = new CachedLoad((signal) => res.listRegistryCredentials(signal));
  }
  /** Stock changes; a fresh look whenever the GPU step shows or a create was refused. */
  forget() {
    this.offers.forget();
    this.volumes.forget();
  }
  offerList(signal?: AbortSignal) {
    return this.offers.get(signal);
  }
  volumeList(signal?: AbortSignal) {
    return this.volumes.get(signal);
  }
  credList(signal?: AbortSignal) {
    return this.creds.get(signal);
  }
  async offer(answers: Answers) {
    return (await this.offerList()).find((o) => o.id === answerString(answers, 'gpu'));
  }
}

function selectedPorts(answers: Answers): ExposedPort[] {
  const picked = Array.isArray(answers.ports) ? answers.ports.filter((v): v is string => typeof v === 'string') : [];
  const custom = parsePorts(answerString(answers, 'customPorts') ?? '');
  const all = [
    ...((parsePorts(picked.join(',')) as { ports?: ExposedPort[] }).ports ?? []),
    ...('ports' in custom ? custom.ports : []),
  ];
  return all.filter((p, i) => all.findIndex((q) => q.port === p.port) === i);
}

function envOf(answers: Answers) {
  const parsed = parseEnv(answerString(answers, 'env') ?? '');
  return 'vars' in parsed ? parsed.vars : [];
}

const image = (a: Answers) => answerString(a, 'image') || DEFAULT_IMAGE;
const volumeChoice = (a: Answers) => answerString(a, 'volume') ?? 'none';

export function podCreateForm(pods: YottaPods, res: YottaResources): CreateForm<Pod> {
  const look = new Lookups(res);
  const v1 = pods.version === 'v1';

  const spec = async (answers: Answers, ctx: CreateContext): Promise<PodSpec> => {
    const offer = await look.offer(answers);
    const vol = volumeChoice(answers);
    const ports = selectedPorts(answers);
    const region = answerString(answers, 'region');
    return {
      name: (answerString(answers, 'name') ?? defaultName(offer?.gpuName, answerNumber(answers, 'gpuCount'))).trim(),
      image: image(answers),
      gpuType: answerString(answers, 'gpu') ?? '',
      gpuCount: answerNumber(answers, 'gpuCount') ?? 1,
      regions: region ? [region] : [],
      containerVolumeInGb: answerNumber(answers, 'containerDisk') ?? CONTAINER_DISK.initial,
      containerRegistryAuthId: answerString(answers, 'registryAuth') || undefined,
      // Jupyter reads its password from the environment; it is the one the extension keeps in SecretStorage.
      environmentVars: [
        ...envOf(answers),
        ...(ports.some((p) => p.port === 8888) ? [{ key: 'JUPYTER_PASSWORD', value: ctx.jupyterPassword }] : []),
      ],
      publicKey: ctx.sshPublicKey,
      expose: ports,
      volumeId: !v1 && vol.startsWith('vol:') ? vol.slice(4) : undefined,
      newVolumeGb: !v1 && vol === 'new' ? answerNumber(answers, 'volumeSize') : undefined,
      mountPath: !v1 && vol !== 'none' ? (answerString(answers, 'mountPath') ?? DEFAULT_MOUNT_PATH) : undefined,
    };
  };

  return {
    fields: [
      {
        kind: 'pick',
        id: 'gpu',
        title: 'GPU',
        async options(_a, signal) {
          look.forget();
          return (await look.offerList(signal)).map((o): PickOption => ({
            label: o.gpuName,
            description: o.vramGb ? `${o.vramGb} GB VRAM` : undefined,
            detail: o.available
              ? `Available in ${o.regions
                  .filter((r) => r.available)
                  .map((r) => r.name)
                  .join(', ')}`
              : undefined,
            value: o.id,
            disabledReason: o.available ? undefined : 'Sold out in every region',
          }));
        },
      },
      {
        kind: 'pick',
        id: 'gpuCount',
        title: 'GPU count',
        async options() {
          return GPU_COUNTS.map((n, i) => ({ label: `${n} × GPU`, value: n, picked: i === 0 }));
        },
      },
      {
        kind: 'pick',
        id: 'region',
        title: 'Region',
        async options(answers) {
          const offer = await look.offer(answers);
          const regions = offer?.regions ?? [];
          const first = regions.find((r) => r.available);
          return regions.map((r) => ({
            label: r.name,
            description: r.name !== r.id ? r.id : undefined,
            value: r.id,
            picked: r === first,
            disabledReason: r.available ? undefined : `${offer?.gpuName ?? 'This GPU'} is sold out here`,
          }));
        },
      },
      {
        kind: 'pick',
        id: 'image',
        title: 'Image',
        async options() {
          return [
            {
              label: 'PyTorch 2.8 (CUDA 12.8, Python 3.11)',
              description: DEFAULT_IMAGE,
              value: DEFAULT_IMAGE,
              picked: true,
            },
          ];
        },
        allowCustom: { prompt: 'Image, e.g. docker.io/library/ubuntu:22.04', validate: (v) => validateImage(v) },
      },
      {
        kind: 'pick',
        id: 'registryAuth',
        title: 'Registry credential',
        optional: { what: 'Registry credentials', without: { label: 'None (public image)', value: '' } },
        skip: (a) => v1 || image(a) === DEFAULT_IMAGE,
        async options(_a, signal) {
          const creds = await look.credList(signal);
          return [
            { label: 'None (public image)', value: '', picked: true },
            ...creds.map((c) => ({ label: c.name, description: c.type, value: c.id })),
          ];
        },
      },
      {
        kind: 'number',
        id: 'containerDisk',
        title: 'Container disk (GB)',
        prompt: `Container disk in GB (${CONTAINER_DISK.min}–${CONTAINER_DISK.max}); lost when the pod is terminated`,
        initial: () => String(CONTAINER_DISK.initial),
        validate: (v) => validateIntRange(v, CONTAINER_DISK.min, CONTAINER_DISK.max, 'The container disk'),
      },
      {
        kind: 'pick',
        id: 'volume',
        title: 'Persistent volume',
        optional: { what: 'Volumes', without: { label: 'None', value: 'none' } },
        skip: () => v1, // the v1 pod API takes no volumes
        async options(answers, signal) {
          const region = answerString(answers, 'region');
          const vols = await look.volumeList(signal);
          return [
            { label: 'None', value: 'none', picked: true },
            { label: 'New volume…', description: 'created with the pod', value: 'new' },
            ...vols.map((v) => ({
              label: v.name,
              description: [v.sizeGb ? `${v.sizeGb} GB` : '', v.type ?? '', v.region ?? ''].filter(Boolean).join(' · '),
              value: `vol:${v.id}`,
              disabledReason:
                region && v.region && v.region !== region
                  ? `In ${v.region}, not ${region}`
                  : v.status !== 'active'
                    ? `Volume is ${v.status}`
                    : undefined,
            })),
          ];
        },
      },
      {
        kind: 'number',
        id: 'volumeSize',
        title: 'New volume size (GB)',
        skip: (a) => v1 || volumeChoice(a) !== 'new',
        initial: () => '100',
        validate: (v) => validateIntRange(v, VOLUME_SIZE.min, VOLUME_SIZE.max, 'The volume size'),
      },
      {
        kind: 'text',
        id: 'mountPath',
        title: 'Volume mount path',
        skip: (a) => v1 || volumeChoice(a) === 'none',
        initial: () => DEFAULT_MOUNT_PATH,
        validate: (v) => validateMountPath(v),
      },
      {
        kind: 'multiPick',
        id: 'ports',
        title: 'Exposed ports',
        async options() {
          return PORT_CHOICES.map((p) => ({ label: p.label, value: p.value, picked: p.picked }));
        },
      },
      {
        kind: 'text',
        id: 'customPorts',
        title: 'More ports (optional)',
        prompt: 'Extra ports, e.g. 8080/http, 9000/tcp (empty for none)',
        initial: () => '',
        validate: (v) => ('error' in parsePorts(v) ? (parsePorts(v) as { error: string }).error : undefined),
      },
      {
        kind: 'text',
        id: 'env',
        title: 'Environment variables (optional)',
        prompt: 'KEY=VALUE, KEY2=VALUE2 (values cannot contain commas; empty for none)',
        initial: () => '',
        validate: (v) => {
          const r = parseEnv(v);
          return 'error' in r ? r.error : undefined;
        },
      },
      {
        kind: 'text',
        id: 'name',
        title: 'Name',
        // initial() is synchronous: the name comes from the GPU table rather than the (async) offer list.
        initial: (a) => defaultName(gpuLabel(a), answerNumber(a, 'gpuCount')),
        validate: (v) => validateName(v),
      },
    ],

    async summarize(answers, ctx): Promise<SummaryLine[]> {
      const s = await spec(answers, ctx);
      const offer = await look.offer(answers);
      const vol = volumeChoice(answers);
      const lines: SummaryLine[] = [
        { label: 'Name', value: s.name },
        {
          label: 'GPU',
          value: `${offer?.gpuName ?? s.gpuType} × ${s.gpuCount}${offer?.vramGb ? ` (${offer.vramGb} GB VRAM each)` : ''}`,
        },
        { label: 'Region', value: s.regions[0] ?? 'any' },
        { label: 'Image', value: s.image },
        { label: 'Container disk', value: `${s.containerVolumeInGb} GB` },
        { label: 'Ports', value: s.expose.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none' },
        // Names only: values may be secrets (the Jupyter password is).
        { label: 'Environment', value: s.environmentVars.map((e) => e.key).join(', ') || 'none' },
        { label: 'SSH', value: sshLine(s) },
        { label: 'Price', value: 'Yotta Labs does not publish a price through its API; see the console' },
      ];
      if (s.containerRegistryAuthId) lines.push({ label: 'Registry credential', value: s.containerRegistryAuthId });
      if (!v1) {
        const volText =
          vol === 'none'
            ? 'none'
            : vol === 'new'
              ? `new, ${s.newVolumeGb} GB at ${s.mountPath}`
              : `${vol.slice(4)} at ${s.mountPath}`;
        lines.push({ label: 'Persistent volume', value: volText });
      }
      return lines;
    },

    answersForOffer: (offer, regionId) => ({ gpu: offer.id, ...(regionId ? { region: regionId } : {}) }),

    async create(answers, ctx) {
      try {
        return await pods.create(await spec(answers, ctx), ctx.signal);
      } catch (e) {
        look.forget(); // e.g. sold out: the region step must show the new stock when the user goes back
        throw e;
      }
    },
  };
}

/** Yotta takes no key through its API: the key rides along as PUBLIC_KEY, which Yotta's own images install. */
function sshLine(s: PodSpec): string {
  if (!s.expose.some((p) => p.protocol === 'SSH')) return 'no SSH port exposed';
  if (!s.publicKey) return 'no public key to install (key login will fail)';
  return s.image.startsWith('yottalabsai/') || s.image.startsWith('yottalabs/')
    ? 'your public key is installed at start (PUBLIC_KEY)'
    : "your public key is passed as PUBLIC_KEY; the image must install it (Yotta's official images do)";
}

function gpuLabel(answers: Answers): string | undefined {
  return gpuInfo(answerString(answers, 'gpu'))?.name;
}
