import { ConfigError, NotFoundError } from '../../core/errors';
import type { Pod } from '../../core/model';
import { actionsOf, type CloudFacts, type PodAction, type Provider, type ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';
import { YottaApi } from './api';
import { podCreateForm } from './createForm';
import { yottaCredentials } from './credentials';
import { yottaGpuReadings } from './metrics';
import { yottaDisks, yottaUtilisation } from './podMetrics';
import { type ApiVersion, YottaPods } from './pods';
import { yottaPrefill } from './prefill';
import { YottaResources } from './resources';
import { volumeCreateForm } from './volumeForm';
import { YottaVms } from './vms';
import { vmCreateForm } from './vmsForm';
import { yottaVmAllows } from './vmsOps';
import { l10n } from '../../core/l10n';

const facts: CloudFacts = {
  stopWord: 'pause',
  terminateWord: 'terminate',
  // No key API: the user's key goes with the create request (PUBLIC_KEY, read by Yotta's official images).
  sshAuth: 'createKey',
  jupyter: true,
};

function allows(action: PodAction, pod: Pod): boolean {
  switch (action) {
    case 'stop':
      return pod.status === 'running';
    case 'start':
      return pod.status === 'stopped';
    case 'terminate':
      return pod.status !== 'terminated' && pod.status !== 'terminating';
    default:
      return false;
  }
}

export function createYottaProvider(config: ProviderConfig, deps: ProviderDeps): Provider {
  const base = config.baseUrls.base;
  if (!base) throw new ConfigError(l10n.t('The Yotta Labs base URL is not set.'), { setting: 'gpuPods.yotta.baseUrl' });
  const option = (config.options.apiVersion ?? '').trim().toLowerCase();
  if (option !== '' && option !== 'v1' && option !== 'v2') {
    throw new ConfigError(l10n.t('The Yotta Labs API version must be v1 or v2, not "{0}".', option.slice(0, 20)), {
      setting: 'gpuPods.yotta.apiVersion',
    });
  }
  const version: ApiVersion = option === 'v1' ? 'v1' : 'v2';
  const api = new YottaApi(base, config.apiKey, deps);
  const pods = new YottaPods(api, version);
  const res = new YottaResources(api);
  // VMs on both API versions: v1 accounts use Yotta's v1 VM paths where its reference lists them (see vms.ts).
  const vms = new YottaVms(api, version);
  const credentials = yottaCredentials(api, res, deps.secrets);
  /** Yotta's pod actions (no restart): this table is what `podAction` runs and what `podActions` lists. */
  const actions: Partial<Record<PodAction, (id: string) => Promise<void>>> = {
    stop: (id) => pods.pause(id),
    start: (id) => pods.resume(id),
    async terminate(id) {
      try {
        return await pods.delete(id);
      } catch (e) {
        // DELETE is retried after a lost answer; the second try finds the pod gone, which is what was asked.
        if (e instanceof NotFoundError) {
          deps.logger.info(`Yotta pod ${id} was already gone when terminated.`);
          return;
        }
        throw e;
      }
    },
  };

  return {
    cloud: 'yotta',
    facts,
    podActions: actionsOf(actions),
    allows,
    listPods: (signal) => pods.list(signal),
    async getPod(id, signal) {
      try {
        return await pods.get(id, signal);
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    },
    async podAction(id, action) {
      const run = actions[action];
      if (!run) throw new ConfigError(l10n.t('Yotta Labs pods cannot {0}.', action));
      return run(id);
    },
    async findPodsByName(name, signal) {
      return (await pods.list(signal)).filter((p) => p.name === name);
    },
    createForm: () => podCreateForm(pods, res, credentials),
    async podPrefill(id, signal) {
      try {
        return yottaPrefill(await pods.getRaw(id, signal), version);
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    },
    listOffers: (signal) => res.listOffers(signal),
    gpuReadings: (id, signal) => yottaGpuReadings(api, id, signal),
    utilisation: (id, signal) => yottaUtilisation(api, id, signal),
    diskUsage: (id, signal) => yottaDisks(api, id, signal),
    volumes: {
      list: (signal) => res.listVolumes(signal),
      createForm: () => volumeCreateForm(res),
      rename: (id, name) => res.renameVolume(id, name),
      resize: (id, sizeGb) => res.resizeVolume(id, sizeGb),
      delete: (id) => res.deleteVolume(id),
    },
    endpoints: {
      list: (signal) => res.listEndpoints(signal),
      start: (id) => res.startEndpoint(id),
      stop: (id) => res.stopEndpoint(id),
    },
    credentials,
    vms: {
      list: (signal) => vms.list(signal),
      async get(id, signal) {
        try {
          return await vms.get(id, signal);
        } catch (e) {
          if (e instanceof NotFoundError) return undefined; // 11000
          throw e;
        }
      },
      createForm: () => vmCreateForm(vms, res),
      rename: (id, name, signal) => vms.rename(id, name, signal),
      async terminate(id, signal) {
        try {
          await vms.terminate(id, signal);
        } catch (e) {
          // DELETE is retried after a lost answer; the second try may find the VM gone, which is what was asked.
          if (e instanceof NotFoundError) {
            deps.logger.info(`Yotta VM ${id} was already gone when terminated.`);
            return;
          }
          throw e;
        }
      },
      allows: yottaVmAllows,
    },
  };
}
