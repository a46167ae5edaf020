import { CloudError } from '../../core/errors';
import type { Pod } from '../../core/model';
import {
  actionsOf,
  type ActionOptions,
  type CloudFacts,
  type PodAction,
  type Provider,
  type ProviderConfig,
} from '../../core/provider';
import { isValidPort } from '../../core/sshCommand';
import type { ProviderDeps } from '../deps';
import { ACTION_WHAT, GpuGeekApi, type GpuGeekAction } from './api';
import { gpuGeekCreateForm } from './createForm';
import { validatePorts } from './form/ports';
import { mapInstance, mapOffers, STARTABLE_LABEL, STARTABLE_NO } from './mapping';
import { waitForOperation } from './operations';
import { gpuGeekPrefill } from './prefill';
import { l10n } from '../../core/l10n';

const ACTION: Record<PodAction, GpuGeekAction> = {
  stop: 'stop',
  start: 'start',
  restart: 'restart',
  terminate: 'release',
};

const facts: CloudFacts = {
  stopWord: 'stop',
  terminateWord: 'release',
  sshAuth: 'password',
  jupyter: true,
};

function allows(action: PodAction, pod: Pod): boolean {
  // GPUGeek refuses a second operation while one runs.
  if (pod.pending) return false;
  switch (action) {
    case 'stop':
    case 'restart':
      return pod.status === 'running';
    case 'start':
      return pod.status === 'stopped' && !pod.details.some(([k, v]) => k === STARTABLE_LABEL && v === STARTABLE_NO);
    case 'terminate':
      return pod.status !== 'terminating' && pod.status !== 'terminated';
  }
}

export function createGpuGeekProvider(config: ProviderConfig, deps: ProviderDeps): Provider {
  const api = new GpuGeekApi(config, deps);
  let dcNames: Promise<Map<string, string>> | undefined;

  /** Datacenter names for the region column; cached, and a failure only means showing ids. */
  function datacenterNames(signal?: AbortSignal): Promise<Map<string, string>> {
    dcNames ??= api.datacenters(signal).then(
      (list) => new Map(list.map((d) => [d.dcId, d.name || d.dcId])),
      (e: unknown) => {
        dcNames = undefined;
        deps.logger.debug(`GPUGeek datacenter names unavailable: ${(e as Error).message}`);
        return new Map<string, string>();
      },
    );
    return dcNames;
  }

  async function listPods(signal?: AbortSignal): Promise<Pod[]> {
    const [raw, names] = await Promise.all([api.queryAll({}, signal), datacenterNames(signal)]);
    return raw.map((r) => mapInstance(r, names));
  }

  async function getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined> {
    const [raw, names] = await Promise.all([api.queryAll({ instanceId: id }, signal), datacenterNames(signal)]);
    // The filter is a hint: match the exact id, never a neighbour.
    const hit = raw.find((r) => r.instanceId === id);
    return hit && mapInstance(hit, names);
  }

  async function run(
    id: string,
    action: GpuGeekAction,
    extra: { ports?: number[]; httpPorts?: number[] },
    options: ActionOptions = {},
  ) {
    const what = `${ACTION_WHAT[action]} ${id}`;
    const operationId = await api.action(id, action, extra, options.signal);
    deps.logger.info(`GPUGeek ${action} of instance ${id}: operation ${operationId}.`);
    options.onProgress?.(l10n.t('GPUGeek accepted the request to {0} (operation {1}).', what, operationId));
    await waitForOperation(api, deps, operationId, { ...options, what, instanceId: id });
  }

  /**
   * Replaces the instance's custom ports (TCP and HTTP, at most three together; empty lists remove them)
   * and waits for the operation like any other action.
   */
  async function setPorts(id: string, tcp: number[], http: number[], options?: ActionOptions) {
    const bad = [...tcp, ...http].find((p) => !isValidPort(p));
    if (bad !== undefined) throw new CloudError(l10n.t('{0} is not a valid port number.', bad), 'INVALID_PORTS');
    const error = validatePorts(tcp, http);
    if (error) throw new CloudError(error, 'INVALID_PORTS');
    await run(id, 'set_port', { ports: [...tcp], httpPorts: [...http] }, options);
  }

  return {
    cloud: 'gpugeek',
    facts,
    podActions: actionsOf(ACTION),
    allows,
    listPods,
    getPod,
    async podAction(id, action, options) {
      const word = ACTION[action];
      if (!word) throw new CloudError(l10n.t('GPUGeek cannot {0} an instance.', action), 'UNSUPPORTED');
      await run(id, word, {}, options);
    },
    ports: {
      max: 3,
      set(id, ports, options) {
        const of = (kind: 'tcp' | 'http') => ports.filter((p) => p.protocol === kind).map((p) => p.port);
        return setPorts(id, of('tcp'), of('http'), options);
      },
    },
    /** Compares as the create body sends the name (trimmed), so a typed " name " still finds its pod. */
    async findPodsByName(name, signal) {
      const wanted = name.trim();
      if (!wanted) return [];
      return (await listPods(signal)).filter((p) => p.name === wanted);
    },
    async podPrefill(id, signal) {
      // The filter is a hint: the exact id only, never a neighbour.
      const hit = (await api.queryAll({ instanceId: id }, signal)).find((r) => r.instanceId === id);
      return hit && gpuGeekPrefill(hit);
    },
    createForm() {
      return gpuGeekCreateForm({
        api,
        getPod,
        waitForCreate: (instanceId, operationId, ctx) =>
          waitForOperation(api, deps, operationId, {
            signal: ctx.signal,
            what: l10n.t('create instance {0}', instanceId),
            instanceId,
          }).then(() => undefined),
      });
    },
    async listOffers(signal) {
      const [gpus, dcs] = await Promise.all([api.gpus(signal), api.datacenters(signal)]);
      return mapOffers(gpus, dcs);
    },
  };
}
