import { gpuReadingsOf } from './metrics';
import { CloudError, NotFoundError } from '../../core/errors';
import type { GpuOffer, Pod } from '../../core/model';
import { actionsOf, type CloudFacts, type PodAction, type Provider, type ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';
import { NovitaApi } from './api';
import { mapBalance } from './balance';
import { novitaCreateForm } from './createForm';
import { novitaBills } from './instanceBills';
import { mapInstance, mapOffer } from './mapping';
import { parsePorts } from './ports';
import { novitaPrefill } from './prefill';
import type { RawInstance } from './schemas';
import { spotUnits } from './spot';
import { novitaVolumes } from './volumes';
import { novitaRegistryAuths } from './registryAuths';
import { novitaImageSaves } from './imageSaves';
import { l10n } from '../../core/l10n';

const ALLOWED: Record<PodAction, ReadonlySet<string>> = {
  stop: new Set(['running']),
  start: new Set(['stopped', 'failed']),
  restart: new Set(['running']),
  terminate: new Set(['provisioning', 'running', 'stopping', 'stopped', 'failed', 'unknown']),
};

const facts: CloudFacts = {
  stopWord: 'stop',
  terminateWord: 'delete',
  sshAuth: 'password',
  jupyter: true,
};

const ACTION: Record<PodAction, 'start' | 'stop' | 'restart' | 'delete'> = {
  stop: 'stop',
  start: 'start',
  restart: 'restart',
  terminate: 'delete',
};

export function createNovitaProvider(config: ProviderConfig, deps: ProviderDeps): Provider {
  const api = new NovitaApi(config, deps);
  const credentials = novitaRegistryAuths(api, deps.secrets);
  const imageSaves = novitaImageSaves(api);

  /** Product prices only when some instance has none; a failure here must not hide the pods. */
  async function mapAll(raws: RawInstance[], signal?: AbortSignal): Promise<Pod[]> {
    let prices: Map<string, number> | undefined;
    let spotPrices: Map<string, number> | undefined;
    if (raws.some((r) => !(r.instancePrice && r.instancePrice > 0))) {
      try {
        const products = await api.listProducts({}, signal);
        prices = new Map(products.filter((p) => p.price).map((p) => [p.id, p.price as number]));
        spotPrices = new Map(products.flatMap((p) => (spotUnits(p) ? [[p.id, spotUnits(p)!] as const] : [])));
      } catch (e) {
        deps.logger.debug(`Novita: no product prices for the pod list (${(e as Error).message})`);
      }
    }
    return raws.map((r) => mapInstance(r, prices, spotPrices));
  }

  /** `ports` as in the wizard: "8080/tcp,8081/http"; checked here before the cloud is asked. */
  async function editPorts(id: string, ports: string): Promise<void> {
    const parsed = parsePorts(ports, []);
    if (!parsed.ok) throw new CloudError(parsed.error, 'INVALID_PORTS');
    await api.editInstance(id, parsed.ports);
  }

  return {
    cloud: 'novita',
    facts,
    podActions: actionsOf(ACTION),
    allows: (action, pod) => ALLOWED[action].has(pod.status),
    listPods: async (signal) => mapAll(await api.listInstances({}, signal), signal),
    async getPod(id, signal) {
      try {
        return (await mapAll([await api.getInstance(id, signal)], signal))[0];
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    },
    async podAction(id, action, options) {
      options?.onProgress?.(
        l10n.t('Asking Novita AI to {0} the instance…', action === 'terminate' ? 'delete' : action),
      );
      await api.instanceAction(ACTION[action], id, options?.signal);
    },
    async findPodsByName(name, signal) {
      // The name filter may match loosely: keep exact matches only.
      const raws = await api.listInstances({ name }, signal);
      return mapAll(
        raws.filter((r) => r.name === name),
        signal,
      );
    },
    createForm: (extras) => novitaCreateForm(api, credentials, imageSaves, extras),
    async podPrefill(id, signal) {
      try {
        return novitaPrefill(await api.getInstance(id, signal));
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    },
    async listOffers(signal): Promise<GpuOffer[]> {
      const [products, clusters] = await Promise.all([api.listProducts({}, signal), api.listClusters(signal)]);
      return products.map((p) => mapOffer(p, clusters));
    },
    volumes: novitaVolumes(api),
    bills: novitaBills(api),
    /** Per-GPU utilisation; memory comes as a bare percentage there (no size), so it is left out, not guessed. */
    gpuReadings: async (id, signal) => gpuReadingsOf(await api.getInstanceMetrics(id, signal)),
    credentials,
    imageSaves,
    balance: async (signal) => mapBalance(await api.getBalanceDetail(signal)),
    ports: {
      max: 15,
      set: (id, ports) => editPorts(id, ports.map((p) => `${p.port}/${p.protocol}`).join(',')),
    },
  };
}
