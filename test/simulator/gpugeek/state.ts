import type { PodBackend } from '../backend';
import { raw, type RawNumber } from '../json';

/** In-memory GPUGeek: instances, operations and catalogues, rendered in the API's own shapes. */

export type SimStatus = 'creating' | 'running' | 'stopd' | string;
export type SimAction = 'create' | 'stop' | 'start' | 'restart' | 'release' | 'set_port';

export interface SimInstance {
  id: string;
  name: string;
  status: SimStatus;
  imageId: string;
  gpuName: string;
  gpuNum: number;
  skuName: string;
  dcId: string;
  cpuCoreNum: number;
  /** Bytes, as the API reports them. */
  memorySize: number;
  systemDiskSize: number;
  systemDiskUsedSize: number;
  dataDiskSize: number;
  dataDiskUsedSize: number;
  tcpPorts: number[];
  httpPorts: number[];
  isStartable: boolean;
  availableGpuNum: number;
  createdAt: string;
  /** Latest operation id. */
  operationId?: string;
  /** Set while an operation runs: the API's isPending = 1. */
  pendingOp?: string;
}

export interface SimOperation {
  id: string;
  instanceId: string;
  action: SimAction;
  /** 1 running, 2 success, 3 failure. */
  status: 1 | 2 | 3;
  isCompleted: 0 | 1;
  startTime: string;
  completeTime: string;
  /** How this operation's id is written in answers (the doc is inconsistent: Int64 here, String there). */
  idAs: 'number' | 'string';
}

export const GIB = 1024 ** 3;

export const DEFAULT_GPUS = ['G40-24G', 'G30-24G', 'A100-PCIE-40G'];
export const DEFAULT_DATACENTERS = [
  { name: 'Suqian-B', dcId: 'suqian-b', region: 'East China' },
  { name: 'Qingyang-A', dcId: 'qingyang-a', region: 'Northwest China' },
  { name: 'USA-Dallas-N', dcId: 'dallas-n', region: 'USA' },
];
export const DEFAULT_IMAGES = [
  { type: 'official', name: 'torch2.1.1-cuda12.1.0-py3.10', imageId: 'torch2.1.1-cuda12.1.0-py3.10' },
  { type: 'official', name: 'stable-diffusion-webui_v1.7.0', imageId: 'stable-diffusion-webui_v1.7.0' },
  { type: 'user', name: 'testimage', imageId: '123abc' },
];
/** Quoted price per GPU per billing unit (the API's `price` is a string). */
export const PRICES: Record<string, number> = { 'G40-24G': 1.98, 'G30-24G': 1.58, 'A100-PCIE-40G': 4.5 };
const SKU_FACTOR: Record<string, number> = { payg: 1, bidding: 0.6, daily: 22, weekly: 140, monthly: 540 };

export function quote(gpuName: string, gpuNum: number, skuName: string): string {
  const p = (PRICES[gpuName] ?? 2) * gpuNum * (SKU_FACTOR[skuName] ?? 1);
  return String(Math.round(p * 100) / 100);
}

/** "2024-02-06 17:06:45" in UTC+8, as the API writes times. */
export function cnTime(ms = Date.now()): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Ids beyond 2^53 go out as bare JSON numbers (raw), small ones as plain numbers. */
export function jsonId(id: string): number | RawNumber {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : raw(id);
}

export function opJson(op: SimOperation) {
  return {
    instanceId: jsonId(op.instanceId),
    operationId: op.idAs === 'string' ? op.id : jsonId(op.id),
    action: op.action,
    status: op.status,
    isCompleted: op.isCompleted,
    startTime: op.startTime,
    completeTime: op.completeTime,
  };
}

export function instanceJson(inst: SimInstance, backend: PodBackend) {
  const ssh = backend.ssh('password', inst.id);
  const jupyter = backend.jupyter(inst.id);
  const running = inst.status === 'running';
  return {
    instanceId: jsonId(inst.id),
    name: inst.name,
    status: inst.status,
    imageId: inst.imageId,
    isPending: inst.pendingOp ? 1 : 0,
    gpuName: inst.gpuName,
    gpuNum: inst.status === 'stopd' ? 0 : inst.gpuNum, // the doc's stopped example holds no GPU
    skuName: inst.skuName,
    operationId: inst.operationId ? jsonId(inst.operationId) : 0,
    cpuCoreNum: inst.cpuCoreNum,
    memorySize: inst.memorySize,
    systemDiskSize: inst.systemDiskSize,
    systemDiskUsedSize: inst.systemDiskUsedSize,
    dataDiskSize: inst.dataDiskSize,
    dataDiskUsedSize: inst.dataDiskUsedSize,
    sshCmd: `ssh -p ${ssh.port} ${ssh.user}@${ssh.host}`,
    sshPwd: ssh.password ?? '',
    notebookUrl: running ? `${jupyter.baseUrl}lab?token=${jupyter.token}` : '',
    tensorboardUrl: running ? `http://${ssh.host}:44634` : '',
    customServices: inst.tcpPorts.map((p) => `http://${ssh.host}:${40000 + (p % 10000)}`),
    httpServices: inst.httpPorts.map((p) => `https://${inst.id}-http-${p}.northwest1.gpugeek.com:8443`),
    createdAt: inst.createdAt,
    dcId: inst.dcId,
    availableGpuNum: inst.availableGpuNum,
    isStartable: inst.isStartable,
  };
}

/** A fresh instance with the doc's sizes (30 GB system, 20 GB data, bytes). */
export function newInstance(id: string, fields: Partial<SimInstance> = {}): SimInstance {
  return {
    id,
    name: `instance-${id.slice(-4)}`,
    status: 'running',
    imageId: DEFAULT_IMAGES[0].imageId,
    gpuName: DEFAULT_GPUS[0],
    gpuNum: 1,
    skuName: 'payg',
    dcId: DEFAULT_DATACENTERS[0].dcId,
    cpuCoreNum: 16,
    memorySize: 64 * GIB,
    systemDiskSize: 30 * GIB,
    systemDiskUsedSize: Math.round(12.1 * GIB),
    dataDiskSize: 20 * GIB,
    dataDiskUsedSize: 0,
    tcpPorts: [],
    httpPorts: [],
    isStartable: true,
    availableGpuNum: 8,
    createdAt: cnTime(),
    ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<SimInstance>),
  };
}
