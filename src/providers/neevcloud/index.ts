import type { CreateForm } from '../../core/createForm';
import { CloudError, NotFoundError } from '../../core/errors';
import type { GpuOffer, Pod } from '../../core/model';
import type { ActionOptions, CloudFacts, PodAction, Provider, ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';
import { NeevCloudApi } from './api';
import { neevCreateForm } from './createForm';
import { neevPrefill } from './prefill';
import type { RawRuntime } from './schemas';
import { gpuReadingsOf, isRuntimeItem, mapAlert, mapMetrics, mapOffers, mapRuntime } from './mapping';
import { l10n } from '../../core/l10n';

/** NeevCloud has no stop/start: a runtime can only be deleted. */
const ACTIONS: ReadonlySet<PodAction> = new Set<PodAction>(['terminate']);

const facts: CloudFacts = {
  stopWord: 'stop',
  terminateWord: 'delete',
  sshAuth: 'createKey',
  jupyter: true,
};

/** Prices of configs, for runtimes that do not carry their own; the inventory is asked at most this often. */
const PRICE_TTL_MS = 10 * 60_000;

export function createNeevCloudProvider(config: ProviderConfig, deps: ProviderDeps): Provider {
  const api = new NeevCloudApi(config, deps);
  let prices: { at: number; map: Map<string, number> } | undefined;

  async function priceMap(signal?: AbortSignal): Promise<Map<string, number>> {
    if (prices && Date.now() - prices.at < PRICE_TTL_MS) return prices.map;
    try {
      const map = new Map<string, number>();
      for (const item of (await api.listInventory({}, signal)).filter(isRuntimeItem)) {
        if (item.price_per_gpu_per_hour !== undefined && !map.has(item.config_id))
          map.set(item.config_id, item.price_per_gpu_per_hour);
      }
      prices = { at: Date.now(), map };
      return map;
    } catch (e) {
      // A price is a nicety: the runtimes still list without it.
      deps.logger.warn(`NeevCloud: could not load GPU prices: ${(e as Error).message}`);
      return new Map();
    }
  }

  /** Runtimes that do not carry a price get it from the inventory (one cached listing, not one per runtime). */
  async function toPods(raws: RawRuntime[], signal?: AbortSignal): Promise<Pod[]> {
    const pods = raws.map((r) => mapRuntime(r));
    if (!pods.some((p) => p.pricePerHour === undefined && p.gpuCount !== undefined)) return pods;
    const map = await priceMap(signal);
    return raws.map((r) => mapRuntime(r, map));
  }

  async function listPods(signal?: AbortSignal): Promise<Pod[]> {
    return toPods(await api.listRuntimes(signal), signal);
  }

  async function getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined> {
    try {
      const [pod] = await toPods([await api.getRuntime(id, signal)], signal);
      return pod;
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  async function findPodsByName(name: string, signal?: AbortSignal): Promise<Pod[]> {
    return (await listPods(signal)).filter((p) => p.name === name);
  }

  return {
    cloud: 'neevcloud',
    facts,
    podActions: ACTIONS,
    allows: (action, pod) => ACTIONS.has(action) && pod.status !== 'terminating' && pod.status !== 'terminated',
    listPods,
    getPod,
    findPodsByName,

    async podAction(id: string, action: PodAction, options?: ActionOptions): Promise<void> {
      if (!ACTIONS.has(action)) {
        throw new CloudError(l10n.t('NeevCloud cannot {0} a runtime; it can only be deleted.', action), 'unsupported');
      }
      try {
        await api.deleteRuntime(id, options?.signal);
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        // The reference documents no 404 for DELETE ("No content" is its only answer), so a 404 does not say the
        // runtime is gone (a wrong project or a gateway says the same). Only the runtime list can: gone is what
        // the user asked for; still listed means it may still bill, and the user must hear so.
        const listed = (await api.listRuntimes(options?.signal)).some((r) => r.id === id);
        if (listed) {
          throw new CloudError(
            l10n.t(
              'NeevCloud answered "not found" to deleting runtime {0}, but still lists it; it may still be billing. Try again or delete it in the NeevCloud console.',
              id,
            ),
            'delete_not_found',
            404,
            e.details,
          );
        }
        deps.logger.info(
          `NeevCloud: runtime ${id} answered 404 to delete and is not in the runtime list: already gone.`,
        );
      }
    },

    async podPrefill(id, signal) {
      try {
        return neevPrefill(await api.getRuntime(id, signal));
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    },

    createForm(): CreateForm<Pod> {
      return neevCreateForm(
        api,
        (id) => getPod(id),
        (name) => findPodsByName(name),
      );
    },

    async listOffers(signal?: AbortSignal): Promise<GpuOffer[]> {
      return mapOffers(await api.listInventory({}, signal));
    },

    alerts: {
      /** E-mail when the config becomes available in the region (the value of a sold-out GPU option has both). */
      async register(regionId, configId, signal) {
        try {
          await api.registerAlert(regionId, configId, signal);
          return 'registered';
        } catch (e) {
          // A second "notify me" (or a retry after a lost answer) is not a failure for the user.
          if (e instanceof CloudError && e.httpStatus === 409) return 'alreadyRegistered';
          throw e;
        }
      },
      /** The account's alerts (list GPU notification requests); NeevCloud documents no way to remove one. */
      list: async (signal) => (await api.listAlerts(signal)).map(mapAlert),
    },
    /** CPU / RAM / GPU utilisation in percent; poll only while shown. */
    utilisation: async (id, signal) => mapMetrics(await api.getMetrics(id, signal)),
    /**
     * Per-GPU utilisation from the same metrics. Memory comes only as a percentage there, with no size to
     * turn it into MiB, so the readings carry no memory figures rather than guessed ones.
     */
    gpuReadings: async (id, signal) => gpuReadingsOf(mapMetrics(await api.getMetrics(id, signal))),
  };
}
