import {
  answerNumber,
  answerString,
  type Answers,
  type CreateContext,
  type CreateForm,
  type PickOption,
  type SummaryLine,
} from '../../core/createForm';
import { CloudError, CloudRefusal, TimeoutError } from '../../core/errors';
import type { Pod } from '../../core/model';
import { isValidPort } from '../../core/sshCommand';
import { cleanMessage, type CreateBody, type GpuGeekApi, type SkuName } from './api';
import { BILLING, gb } from './mapping';

export const MAX_CUSTOM_PORTS = 3;
const SKUS: SkuName[] = ['payg', 'bidding', 'daily', 'weekly', 'monthly'];
const PRICE_UNIT: Record<SkuName, string> = {
  payg: 'hour',
  bidding: 'hour',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** "8080, 8888" → [8080, 8888]; undefined when the text is not a list of valid ports. */
export function parsePorts(text: string | undefined): number[] | undefined {
  const t = (text ?? '').trim();
  if (t === '') return [];
  const parts = t.split(/[\s,]+/).filter(Boolean);
  const ports = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return ports.every(isValidPort) ? ports : undefined;
}

/** Error text for a TCP + HTTP port pair, or undefined when GPUGeek will accept it. */
export function validatePorts(tcp: readonly number[], http: readonly number[]): string | undefined {
  const all = [...tcp, ...http];
  if (all.length > MAX_CUSTOM_PORTS)
    return `GPUGeek opens at most ${MAX_CUSTOM_PORTS} custom ports (TCP and HTTP together).`;
  if (new Set(all).size !== all.length) return 'Each port may be listed only once.';
  if (all.includes(22)) return 'Port 22 is already used for SSH.';
  return undefined;
}

function portsError(value: string, other: string | undefined, tcpFirst: boolean): string | undefined {
  const mine = parsePorts(value);
  if (!mine) return 'Enter port numbers (1–65535) separated by commas, or leave empty.';
  const theirs = parsePorts(other) ?? [];
  return tcpFirst ? validatePorts(mine, theirs) : validatePorts(theirs, mine);
}

function intIn(value: string, min: number, max: number, what: string): string | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= min && n <= max
    ? undefined
    : `${what} must be a whole number from ${min} to ${max}.`;
}

/**
 * The create body from the wizard's answers (shared by dry run and create, so they quote the same thing).
 * Its errors come before any request, so they are refusals: nothing was sent, the wizard may reopen.
 */
export function createBody(answers: Answers): CreateBody {
  const sku = answerString(answers, 'skuName') as SkuName | undefined;
  const gpuName = answerString(answers, 'gpuName');
  const imageId = answerString(answers, 'imageId');
  if (!gpuName || !imageId || !sku || !SKUS.includes(sku)) {
    throw new CloudRefusal('The GPU type, billing kind and image must be chosen first.', 'INCOMPLETE_FORM');
  }
  const tcp = parsePorts(answerString(answers, 'tcpPorts')) ?? [];
  const http = parsePorts(answerString(answers, 'httpPorts')) ?? [];
  const portError = validatePorts(tcp, http);
  if (portError) throw new CloudRefusal(portError, 'INVALID_PORTS');
  const dcId = answerString(answers, 'dcId');
  return {
    gpuName,
    skuName: sku,
    gpuNum: answerNumber(answers, 'gpuNum') ?? 1,
    imageId,
    dcId: dcId || undefined,
    name: answerString(answers, 'name')?.trim() || undefined,
    systemDiskSize: answerNumber(answers, 'systemDiskSize') ?? 30,
    dataDiskSize: answerNumber(answers, 'dataDiskSize') ?? 20,
    servicePort: tcp.length ? tcp : undefined,
    httpServicePort: http.length ? http : undefined,
  };
}

export interface CreateFormDeps {
  api: GpuGeekApi;
  /** Waits for the create operation; throws on failure/timeout. */
  waitForCreate(instanceId: string, operationId: string, ctx: CreateContext): Promise<void>;
  getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined>;
}

export function gpuGeekCreateForm({ api, waitForCreate, getPod }: CreateFormDeps): CreateForm<Pod> {
  return {
    fields: [
      {
        kind: 'pick',
        id: 'gpuName',
        title: 'GPU type',
        options: async (_a, signal) => (await api.gpus(signal)).map((g) => ({ label: cleanMessage(g), value: g })),
      },
      {
        kind: 'number',
        id: 'gpuNum',
        title: 'GPU count',
        prompt: 'How many GPUs (1–8)',
        initial: () => '1',
        validate: (v) => intIn(v, 1, 8, 'The GPU count'),
      },
      {
        kind: 'pick',
        id: 'dcId',
        optional: {
          what: 'Datacenters',
          without: { label: 'Any datacenter', description: 'GPUGeek picks a machine', value: '' },
        },
        title: 'Datacenter',
        options: async (_a, signal) => [
          { label: 'Any datacenter', description: 'GPUGeek picks a machine', value: '', picked: true },
          ...(await api.datacenters(signal)).map((d) => ({
            label: cleanMessage(d.name) || d.dcId,
            description: d.dcId,
            value: d.dcId,
          })),
        ],
      },
      {
        kind: 'pick',
        id: 'skuName',
        title: 'Billing',
        options: async () =>
          SKUS.map((s): PickOption => ({
            label: BILLING[s],
            description: s === 'payg' || s === 'bidding' ? 'billed by the hour' : `prepaid for one ${PRICE_UNIT[s]}`,
            value: s,
            picked: s === 'payg',
          })),
      },
      {
        kind: 'pick',
        id: 'imageId',
        title: 'Image',
        options: async (_a, signal) =>
          (await api.images(signal))
            .map((i) => ({ i, own: i.type === 'user' }))
            .sort((a, b) => Number(b.own) - Number(a.own)) // the user's own images first
            .map(({ i, own }) => ({
              label: cleanMessage(i.name) || i.imageId,
              description: own ? 'your image' : 'official',
              value: i.imageId,
            })),
      },
      {
        kind: 'number',
        id: 'systemDiskSize',
        title: 'System disk (GB)',
        initial: () => '30',
        validate: (v) => intIn(v, 30, 2048, 'The system disk size'),
      },
      {
        kind: 'number',
        id: 'dataDiskSize',
        title: 'Data disk at /gz-data (GB)',
        initial: () => '20',
        validate: (v) => intIn(v, 0, 16384, 'The data disk size'),
      },
      {
        kind: 'text',
        id: 'tcpPorts',
        title: 'TCP ports',
        prompt: `Ports inside the instance to expose over TCP, comma separated (at most ${MAX_CUSTOM_PORTS} TCP + HTTP)`,
        initial: () => '',
        validate: (v, a) => portsError(v, answerString(a, 'httpPorts'), true),
      },
      {
        kind: 'text',
        id: 'httpPorts',
        title: 'HTTP ports',
        prompt: `Ports inside the instance to expose over HTTPS, comma separated (at most ${MAX_CUSTOM_PORTS} TCP + HTTP)`,
        initial: () => '',
        validate: (v, a) => portsError(v, answerString(a, 'tcpPorts'), false),
      },
      {
        kind: 'text',
        id: 'name',
        title: 'Name',
        prompt: 'Instance name (letters, digits, . _ -)',
        initial: () => `gpu-pod-${Date.now().toString(36).slice(-6)}`,
        validate: (v) => (NAME.test(v.trim()) ? undefined : 'Use 1–64 letters, digits, dots, dashes or underscores.'),
      },
    ],

    /** The dry run picks a machine and quotes its price; nothing is created. */
    async summarize(answers, ctx): Promise<SummaryLine[]> {
      const body = createBody(answers);
      const { spec } = await api.create(body, true, ctx.signal);
      const lines: SummaryLine[] = [];
      const add = (label: string, value: string | undefined) =>
        value && lines.push({ label, value: cleanMessage(value) });
      add('GPU', `${spec?.gpuName || body.gpuName} × ${body.gpuNum}${spec?.vram ? ` (${spec.vram} VRAM)` : ''}`);
      const price = cleanMessage(spec?.price === null || spec?.price === undefined ? '' : String(spec.price));
      add('Price', price ? `${price} per ${PRICE_UNIT[body.skuName]} (GPUGeek's quote)` : 'not quoted by GPUGeek');
      add('Billing', BILLING[body.skuName]);
      add(
        'Region',
        spec?.regionName ? `${spec.regionName}${spec.dcId ? ` (${spec.dcId})` : ''}` : (body.dcId ?? 'any'),
      );
      add('CPU', spec?.cpuName ? `${spec.cpuName}${spec.cpuCoreNum ? `, ${spec.cpuCoreNum} cores` : ''}` : undefined);
      add('Memory', spec?.memorySize ? `${gb(spec.memorySize)} GB` : undefined);
      add('Image', body.imageId);
      add('Disks', `system ${body.systemDiskSize} GB, data ${body.dataDiskSize} GB`);
      const ports = [
        ...(body.servicePort ?? []).map((p) => `${p}/tcp`),
        ...(body.httpServicePort ?? []).map((p) => `${p}/http`),
      ];
      add('Ports', ports.length ? ports.join(', ') : 'none');
      add('Name', body.name);
      return lines;
    },

    answersForOffer: (offer, regionId) => ({ gpuName: offer.id, ...(regionId ? { dcId: regionId } : {}) }),

    /** POSTs once (never retried), waits for the create operation, returns the instance. */
    async create(answers, ctx): Promise<Pod> {
      const body = createBody(answers);
      const result = await api.create(body, false, ctx.signal);
      const id = result.instanceId;
      if (!id || id === '0') {
        throw new CloudError(
          'GPUGeek accepted the create request but returned no instance id; check the console before trying again.',
          'NO_INSTANCE_ID',
        );
      }
      if (result.operationId && result.operationId !== '0') await waitForCreate(id, result.operationId, ctx);
      const pod = await getPod(id, ctx.signal);
      if (!pod) {
        throw new TimeoutError(
          `GPUGeek created instance ${id}, but it does not appear in the instance list yet; it is still pending.`,
        );
      }
      return pod;
    },
  };
}
