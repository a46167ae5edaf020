/**
 * The simulated Novita account: products, clusters, templates, storages and instances, as plain data.
 * Prices are integers in 1/100000 USD per hour, as Novita sends them.
 */

export interface SimProduct {
  id: string;
  name: string;
  /** 1/100000 USD per GPU-hour (an integer in the reference). */
  price: number;
  /** The same unit; the reference sends it as a string. */
  spotPrice?: number;
  inventoryState: 'none' | 'low' | 'normal' | 'high';
  /** Clusters (ids) where it is offered; empty = all. */
  regions: string[];
  /** GPUs free together: a create asking for more gets INSUFFICIENT_RESOURCE. */
  freeGpus: number;
  cpuPerGpu: number;
  memoryPerGpu: number;
  diskPerGpu: number;
  minRootFS: number;
  maxRootFS: number;
  minLocalStorage: number;
  maxLocalStorage: number;
  billingMethods: string[];
}

export interface SimCluster {
  id: string;
  name: string;
  supportNetworkStorage: boolean;
}

export interface SimStorage {
  storageId: string;
  storageName: string;
  storageSize: number;
  clusterId: string;
}

export interface SimTemplate {
  /** Sent as `Id`, as the reference spells it. */
  id: string;
  name: string;
  channel: 'official' | 'community' | 'private';
  image: string;
  startCommand: string;
  rootfsSize: number;
  ports: Array<{ type: 'tcp' | 'http'; ports: number[] }>;
}

export interface SimPort {
  port: number;
  type: 'tcp' | 'http';
}

export interface SimInstance {
  id: string;
  name: string;
  productId: string;
  productName: string;
  clusterId: string;
  clusterName: string;
  gpuNum: number;
  rootfsSize: number;
  diskSize: number;
  imageUrl: string;
  command: string;
  /** The create's `entrypoint`, when one was given. */
  entrypoint?: string;
  /** The create's `envs`: the get-instance answer carries them back (gpu-instance-get-instance `envs`). */
  envs?: Array<{ key: string; value: string }>;
  ports: SimPort[];
  jupyter: boolean;
  networkStorages: Array<{ id: string; mountPoint: string }>;
  /** The repository auth the image is pulled with (create's imageAuthId). */
  imageAuthId?: string;
  status: string;
  statusError?: { state: string; message: string };
  /** Epoch seconds, as a string (Novita sends strings). */
  createdAt: number;
  /** 1/100000 USD per hour for the whole instance. */
  instancePrice: number;
  /** Create's `billingMode` (on demand unless spot was asked for). */
  billingMode: 'onDemand' | 'spot';
  /** Spot instances only: `spotStatus` and `spotReclaimTime` (epoch seconds; 0 while no reclaim started). */
  spot?: { status: 'running' | 'notified' | 'reclaiming' | 'terminated'; reclaimTime: number };
  ssh?: { host: string; port: number; user: string; password?: string };
  jupyterTarget?: { baseUrl: string; token: string };
  /** Fields merged into every answer about this instance (odd shapes for parsing tests). */
  overrides: Record<string, unknown>;
  /** Bumped by each action, so timers of an earlier action stop acting. */
  generation: number;
}

export function seedProducts(): SimProduct[] {
  const base = {
    minRootFS: 10,
    maxRootFS: 500,
    minLocalStorage: 0,
    maxLocalStorage: 2000,
    billingMethods: ['onDemand'],
  };
  return [
    {
      ...base,
      id: 'prod-4090',
      name: 'RTX 4090 24GB',
      price: 35000,
      spotPrice: 18000,
      billingMethods: ['onDemand', 'spot'],
      inventoryState: 'high',
      regions: [],
      freeGpus: 8,
      cpuPerGpu: 16,
      memoryPerGpu: 62,
      diskPerGpu: 100,
    },
    {
      ...base,
      id: 'prod-a100',
      name: 'A100 SXM 80GB',
      price: 139000,
      inventoryState: 'normal',
      regions: ['cl-eu'],
      freeGpus: 4,
      cpuPerGpu: 24,
      memoryPerGpu: 120,
      diskPerGpu: 200,
    },
    {
      ...base,
      id: 'prod-h100',
      name: 'H100 SXM 80GB',
      price: 259000,
      inventoryState: 'low',
      regions: ['cl-us'],
      freeGpus: 2,
      cpuPerGpu: 26,
      memoryPerGpu: 200,
      diskPerGpu: 250,
      minRootFS: 50,
      maxRootFS: 1000,
    },
    {
      ...base,
      id: 'prod-3090',
      name: 'RTX 3090 24GB',
      price: 21000,
      inventoryState: 'none',
      regions: ['cl-as'],
      freeGpus: 0,
      cpuPerGpu: 8,
      memoryPerGpu: 32,
      diskPerGpu: 50,
    },
  ];
}

export function seedClusters(): SimCluster[] {
  return [
    { id: 'cl-us', name: 'US-CA-01', supportNetworkStorage: true },
    { id: 'cl-eu', name: 'EU-DE-01', supportNetworkStorage: true },
    { id: 'cl-as', name: 'AS-SGP-02', supportNetworkStorage: false },
  ];
}

export function seedTemplates(): SimTemplate[] {
  return [
    {
      id: 'tpl-1',
      name: 'PyTorch 2.3 CUDA 12.1',
      channel: 'official',
      image: 'pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
      startCommand: '',
      rootfsSize: 60,
      ports: [{ type: 'http', ports: [7860] }],
    },
    {
      id: 'tpl-2',
      name: 'vLLM server',
      channel: 'community',
      image: 'vllm/vllm-openai:latest',
      startCommand: 'vllm serve',
      rootfsSize: 100,
      ports: [{ type: 'http', ports: [8000] }],
    },
    {
      id: 'tpl-3',
      name: 'my-comfy',
      channel: 'private',
      image: 'ghcr.io/me/comfy:1',
      startCommand: '',
      rootfsSize: 80,
      ports: [{ type: 'tcp', ports: [8188] }],
    },
  ];
}

export function seedStorages(): SimStorage[] {
  return [{ storageId: 'ns-0001', storageName: 'datasets', storageSize: 100, clusterId: 'cl-us' }];
}

/** Novita's port string: "8080/tcp,8081/http" (written separately from the client's parser on purpose). */
export function parsePortString(text: string): SimPort[] | string {
  const out: SimPort[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const [p, t = 'tcp', ...rest] = part.split('/');
    const port = Number(p);
    if (rest.length || !/^\d+$/.test(p) || port < 1 || port > 65535) return `invalid port "${part}"`;
    if (t !== 'tcp' && t !== 'http') return `invalid port type "${t}"`;
    if (port >= 2222 && port <= 2224) return `port ${port} is reserved`;
    if (out.some((o) => o.port === port)) return `duplicate port ${port}`;
    out.push({ port, type: t });
  }
  return out;
}

export function priceUnits(p: SimProduct): number {
  return Number(p.price);
}

/** A container registry auth as the account keeps it (gpu-instance-list-container-registry-auth). */
export interface SimRegistryAuth {
  id: string;
  name: string;
  username: string;
  password: string;
}

/** A background job (gpu-instance-list-jobs); only saveImage jobs are simulated. */
export interface SimJob {
  Id: string;
  type: 'saveImage';
  instanceId: string;
  image: string;
  registryAuthId?: string;
  state: 'pulling' | 'running' | 'fail' | 'success' | 'break';
  message: string;
  /** Epoch seconds. */
  createdAt: number;
}
