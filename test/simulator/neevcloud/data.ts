/** Seed data and record types of the simulated NeevCloud GPU AI Service. */

export const NEEV_SIM_ORG = 'org-sim-7f3a';
export const NEEV_SIM_PROJECT = 'proj-sim-21c9';

/** An inventory item as the third-party capture shows it (one per config, region and product). */
export interface SimInventoryItem {
  config_id: string;
  gpu_model: string;
  gpu_vendor: string;
  vram_gib: number;
  default_cpu_cores: number;
  default_memory_gib: number;
  price_per_gpu_per_hour: number;
  region: string;
  min_gpu_count: number;
  max_gpu_count: number;
  available_gpu_count: number;
  total_gpu_count: number;
  availability: string;
  instance_type: 'airuntime' | 'vm';
  type: 'GPU';
}

export interface SimTemplate {
  id: string;
  name: string;
  description: string;
  templateSpec: { image: string; ports: number[]; jupyter: boolean };
  ownerOrgId: string | null;
}

export interface SimRuntime {
  id: string;
  org: string;
  project: string;
  name: string;
  region: string;
  configId: string;
  gpuCount: number;
  templateId: string;
  planId: string;
  sshKeys: string[];
  /** The cloud's own word: Provisioning, Running, Deleting, Failed … */
  status: string;
  statusMessage?: string;
  createdAt: number;
  /** When Provisioning turns Running (epoch ms). */
  readyAt?: number;
  /** When a Deleting runtime disappears. */
  goneAt?: number;
  /** Comes up without any SSH/Jupyter fields ("not reachable yet"). */
  withoutEndpoints: boolean;
  ssh?: { host: string; port: number; user: string };
  jupyter?: { baseUrl: string; token: string };
  /** CPU and RAM in percent; the GPUs read from sim.gpu (the pod's GPU readings). */
  metrics: { cpu: number; ram: number };
  /** Raw JSON overrides for tests: a key set to undefined is removed from the answer. */
  patch: Record<string, unknown>;
}

export interface SimAlert {
  id: string;
  region_id: string;
  config_id: string;
  status: 'pending' | 'notified';
  created_at: string;
}

/** The availability word for a free count, like the live inventory ("None", "Low" seen). */
export function availabilityWord(free: number): string {
  if (free <= 0) return 'None';
  if (free <= 2) return 'Low';
  if (free <= 8) return 'Medium';
  return 'High';
}

function item(
  config_id: string,
  gpu_model: string,
  vram_gib: number,
  cpu: number,
  mem: number,
  price: number,
  region: string,
  free: number,
  total: number,
  instance_type: 'airuntime' | 'vm' = 'airuntime',
): SimInventoryItem {
  return {
    config_id,
    gpu_model,
    gpu_vendor: 'NVIDIA',
    vram_gib,
    default_cpu_cores: cpu,
    default_memory_gib: mem,
    price_per_gpu_per_hour: price,
    region,
    min_gpu_count: 1,
    max_gpu_count: 8,
    available_gpu_count: free,
    total_gpu_count: total,
    availability: availabilityWord(free),
    instance_type,
    type: 'GPU',
  };
}

export function seedInventory(): SimInventoryItem[] {
  return [
    item('gpu-h100-80g-20cpu-125g', 'H100', 80, 20, 125, 1.99, 'as-south-1', 6, 16),
    item('gpu-h200-141g-24cpu-200g', 'H200', 141, 24, 200, 2.99, 'as-south-1', 2, 8),
    item('gpu-a100-80g-12cpu-90g', 'A100', 80, 12, 90, 1.29, 'as-south-1', 4, 8),
    item('gpu-a100-80g-12cpu-90g', 'A100', 80, 12, 90, 1.29, 'eu-west-1', 8, 16),
    item('gpu-l40s-48g-8cpu-64g', 'L40S', 48, 8, 64, 0.89, 'as-south-1', 0, 8),
    // The VM product shares the inventory; AI runtimes cannot be created from it.
    item('vm-h100-80g-20cpu-125g', 'H100', 80, 20, 125, 1.49, 'as-south-1', 8, 8, 'vm'),
  ];
}

export function seedTemplates(): SimTemplate[] {
  return [
    {
      id: 'tpl-jupyterlab-pytorch',
      name: 'JupyterLab + PyTorch',
      description: 'PyTorch 2.4, CUDA 12.4, JupyterLab on port 8888 and SSH.',
      templateSpec: { image: 'neevcloud/pytorch-jupyter:2.4-cuda12.4', ports: [22, 8888], jupyter: true },
      ownerOrgId: null,
    },
    {
      id: 'tpl-ubuntu-cuda-ssh',
      name: 'Ubuntu 22.04 + CUDA',
      description: 'Plain Ubuntu with CUDA 12.4; SSH only.',
      templateSpec: { image: 'neevcloud/ubuntu-cuda:22.04-12.4', ports: [22], jupyter: false },
      ownerOrgId: null,
    },
    {
      id: 'tpl-vllm-server',
      name: 'vLLM server',
      description: 'OpenAI-compatible vLLM server on port 8000.',
      templateSpec: { image: 'vllm/vllm-openai:latest', ports: [22, 8000], jupyter: false },
      ownerOrgId: null,
    },
  ];
}

/**
 * Plans the simulated account may use, in the naming of the CLI's example ("gpu-h200-on-demand-1h"):
 * one on-demand hourly plan per GPU model of the AI-runtime inventory.
 */
export function seedPlans(items: SimInventoryItem[]): Map<string, string> {
  const plans = new Map<string, string>();
  for (const i of items) if (i.instance_type === 'airuntime') plans.set(planIdFor(i.gpu_model), i.gpu_model);
  return plans;
}

export function planIdFor(gpuModel: string): string {
  return `gpu-${gpuModel.toLowerCase()}-on-demand-1h`;
}

/** `{ data, pagination }` for one page; `page`/`limit` as the docs define them (limit 1–100, default 20). */
export function paginate<T>(all: T[], query: URLSearchParams): { error?: string; body?: unknown } {
  const page = query.has('page') ? Number(query.get('page')) : 1;
  const limit = query.has('limit') ? Number(query.get('limit')) : 20;
  if (!Number.isInteger(page) || page < 1) return { error: 'page must be an integer of at least 1' };
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return { error: 'limit must be an integer between 1 and 100' };
  const totalPages = Math.max(1, Math.ceil(all.length / limit));
  return {
    body: {
      data: all.slice((page - 1) * limit, page * limit),
      pagination: { current_page: page, total_pages: totalPages, total_items: all.length, items_per_page: limit },
    },
  };
}
