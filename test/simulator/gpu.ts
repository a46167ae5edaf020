import type { CloudPrefix } from './server';

/**
 * What a simulated pod's GPUs read right now: the one source of truth behind the `nvidia-smi` on the pod's
 * SSH (real backend) and every cloud's metrics endpoint. Tests set it through `sim.gpu.set(...)` (same
 * process) or `POST /__sim/gpu` (another process); a pod that comes up gets idle GPUs of its type.
 */

export interface GpuReading {
  /** As nvidia-smi names it ("NVIDIA GeForce RTX 4090"). */
  name: string;
  /** GPU utilisation in percent (0–100); null: the GPU does not report it (nvidia-smi prints "[N/A]"). */
  utilizationPct: number | null;
  /** Frame-buffer memory in MiB; null: not reported. */
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

/**
 * `gpus`: the readings, one per GPU in index order. `unreachable`: the pod's SSH drops the session (the pod's
 * network is gone; cloud monitoring still answers, see each cloud's metrics route). `smi-fails`: nvidia-smi
 * cannot talk to the driver (exit 9).
 */
export type PodGpuState =
  | { kind: 'gpus'; gpus: GpuReading[] }
  | { kind: 'unreachable'; gpus: GpuReading[] }
  | { kind: 'smi-fails'; gpus: GpuReading[] };

type Listener = (cloud: CloudPrefix, podId: string, state: PodGpuState | undefined) => void;

/** Known models: nvidia-smi's name and total MiB (as the driver reports them, a little under the nominal size). */
const MODELS: Array<[RegExp, string, number]> = [
  [/4090/, 'NVIDIA GeForce RTX 4090', 24564],
  [/5090/, 'NVIDIA GeForce RTX 5090', 32607],
  [/A6000/i, 'NVIDIA RTX A6000', 49140],
  [/H200/i, 'NVIDIA H200', 143771],
  [/H100/i, 'NVIDIA H100 80GB HBM3', 81559],
  [/A100.*40/i, 'NVIDIA A100-SXM4-40GB', 40960],
  [/A100/i, 'NVIDIA A100-SXM4-80GB', 81920],
  [/L40S/i, 'NVIDIA L40S', 46068],
  [/L4\b|L4_/i, 'NVIDIA L4', 23034],
];

/** `count` idle GPUs of the model a cloud names (`NVIDIA_RTX_4090_24G`, `RTX 4090`, `H100 80GB` …). */
export function idleGpus(count: number, model: string): GpuReading[] {
  const known = MODELS.find(([re]) => re.test(model));
  const gb = /(\d+)\s*G/i.exec(model);
  const name = known?.[1] ?? (model.trim() || 'NVIDIA GPU');
  const total = known?.[2] ?? (gb ? Number(gb[1]) * 1024 : 24576);
  return Array.from({ length: Math.max(0, count) }, () => ({
    name,
    utilizationPct: 0,
    memoryUsedMiB: 0,
    memoryTotalMiB: total,
  }));
}

export class GpuReadings {
  private readonly pods = new Map<string, PodGpuState>();
  /** When each pod's readings were last set (epoch ms): metrics series start there. */
  private readonly setAt = new Map<string, number>();
  private readonly listeners: Listener[] = [];

  private static key(cloud: CloudPrefix, podId: string): string {
    return `${cloud}/${podId}`;
  }

  get(cloud: CloudPrefix, podId: string): PodGpuState | undefined {
    return this.pods.get(GpuReadings.key(cloud, podId));
  }

  /** When the pod's readings were last set (epoch ms), or undefined. */
  since(cloud: CloudPrefix, podId: string): number | undefined {
    return this.setAt.get(GpuReadings.key(cloud, podId));
  }

  /** New readings for the pod (also before it runs: its SSH shows them once it does). */
  set(cloud: CloudPrefix, podId: string, state: PodGpuState): void {
    const copy = { kind: state.kind, gpus: state.gpus.map((g) => ({ ...g })) } as PodGpuState;
    this.pods.set(GpuReadings.key(cloud, podId), copy);
    this.setAt.set(GpuReadings.key(cloud, podId), Date.now());
    for (const l of this.listeners) l(cloud, podId, copy);
  }

  /** The GPUs keep their names and totals; only what is given changes (`gpus` by index). */
  update(cloud: CloudPrefix, podId: string, change: { kind?: PodGpuState['kind']; gpus?: Array<Partial<GpuReading>> }) {
    const now = this.get(cloud, podId);
    if (!now) throw new Error(`no GPU readings for ${cloud} pod ${podId}`);
    const gpus = now.gpus.map((g, i) => ({ ...g, ...(change.gpus?.[i] ?? {}) }));
    this.set(cloud, podId, { kind: change.kind ?? now.kind, gpus } as PodGpuState);
  }

  /** A pod comes up: idle GPUs unless a test has set readings already. */
  ensure(cloud: CloudPrefix, podId: string, gpus: GpuReading[]): PodGpuState {
    const now = this.get(cloud, podId);
    if (now) {
      for (const l of this.listeners) l(cloud, podId, now); // the backend may have given the pod a new address
      return now;
    }
    this.set(cloud, podId, { kind: 'gpus', gpus });
    return this.get(cloud, podId)!;
  }

  clear(): void {
    const gone = [...this.pods.keys()];
    this.pods.clear();
    this.setAt.clear();
    for (const k of gone) {
      const [cloud, ...id] = k.split('/');
      for (const l of this.listeners) l(cloud as CloudPrefix, id.join('/'), undefined);
    }
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }
}

/** Checks a control request's body (`POST /__sim/gpu`): a readings object, or the reason it is not one. */
export function parseGpuState(body: Record<string, unknown>): PodGpuState | string {
  const kind = body.kind ?? 'gpus';
  if (kind !== 'gpus' && kind !== 'unreachable' && kind !== 'smi-fails')
    return 'kind must be gpus, unreachable or smi-fails';
  if (!Array.isArray(body.gpus)) return 'gpus must be a list';
  const gpus: GpuReading[] = [];
  for (const g of body.gpus as Array<Record<string, unknown>>) {
    const n = (v: unknown) => (v === null ? null : typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : NaN);
    const reading = {
      name: String(g?.name ?? ''),
      utilizationPct: n(g?.utilizationPct),
      memoryUsedMiB: n(g?.memoryUsedMiB),
      memoryTotalMiB: n(g?.memoryTotalMiB),
    };
    if (!reading.name || Object.values(reading).some((v) => typeof v === 'number' && Number.isNaN(v)))
      return 'each GPU needs a name and non-negative numbers (or null) for utilizationPct, memoryUsedMiB, memoryTotalMiB';
    gpus.push(reading);
  }
  return { kind, gpus };
}
