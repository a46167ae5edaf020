// → src/providers/mycloud/index.ts. A real cloud splits this into schemas.ts, api.ts, mapping.ts and
// createForm.ts (docs/contributing-providers.md); it imports only src/core, ../deps and its own folder.
// Every message a person reads goes through l10n.t (then `npm run l10n`): never an error built from a bare string.
import { CloudError } from '../../core/errors';
import { HttpClient } from '../../core/http';
import { l10n } from '../../core/l10n';
import type { Pod, PodStatus } from '../../core/model';
import { actionsOf, type CloudFacts, type PodAction, type Provider, type ProviderConfig } from '../../core/provider';
import { parseWith, zId } from '../../core/schema';
import * as z from '../../core/zod';
import type { ProviderDeps } from '../deps';
import { mycloud } from './info';

const RawPod = z.object({ id: zId, name: z.string(), status: z.string() });
const RawPods = z.object({ pods: z.array(RawPod) });

const STATUS: Record<string, PodStatus> = { creating: 'provisioning', running: 'running', stopped: 'stopped' };

function mapPod(raw: z.infer<typeof RawPod>): Pod {
  return {
    cloud: 'mycloud',
    kind: 'pod',
    id: raw.id,
    name: raw.name,
    status: STATUS[raw.status] ?? 'unknown',
    rawStatus: raw.status,
    ports: [],
    details: [],
  };
}

// What cannot be read off the operations below; volumes, endpoints, ports … are capabilities because they exist.
const facts: CloudFacts = {
  stopWord: 'stop',
  terminateWord: 'delete',
  sshAuth: 'accountKey',
  jupyter: false,
};

// The cloud's request per pod action; the actions offered are this table's keys.
const ACTION: Partial<Record<PodAction, { method: 'DELETE'; what: string }>> = {
  terminate: { method: 'DELETE', what: 'delete pod' },
};

export function createMyCloudProvider(config: ProviderConfig, deps: ProviderDeps): Provider {
  const http = new HttpClient({
    baseUrl: config.baseUrls.base ?? mycloud.baseUrls.base,
    cloudName: mycloud.displayName,
    headers: { Authorization: `Bearer ${config.apiKey.trim()}` },
    logger: deps.logger,
    limiter: deps.limiter,
    fetch: deps.fetch,
    backoffMs: deps.backoffMs,
    timeoutMs: deps.timeoutMs,
  });
  const listPods = async (signal?: AbortSignal) =>
    parseWith(
      RawPods,
      (await http.request({ method: 'GET', path: '/pods', what: 'list pods', signal })).body,
      'list pods',
    ).pods.map(mapPod);
  return {
    cloud: 'mycloud',
    facts,
    podActions: actionsOf(ACTION),
    allows: (action, pod) => action === 'terminate' && pod.status !== 'terminating' && pod.status !== 'terminated',
    listPods,
    getPod: async (id, signal) => (await listPods(signal)).find((p) => p.id === id),
    async podAction(id, action) {
      const request = ACTION[action];
      if (!request) throw new CloudError(l10n.t('{0} cannot {1} a pod.', mycloud.displayName, action), 'unsupported');
      await http.request({ ...request, path: `/pods/${encodeURIComponent(id)}` });
    },
    findPodsByName: async (name, signal) => (await listPods(signal)).filter((p) => p.name === name),
    createForm: () => ({
      fields: [],
      summarize: async () => [],
      create: async () => {
        throw new CloudError(l10n.t('{0}: creating pods is not written yet.', mycloud.displayName), 'unsupported');
      },
    }),
    listOffers: async () => [],
  };
}
