import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { timerKey } from '../core/idleTimers';
import type { Pod } from '../core/model';
import { OpenSshMissingError } from '../core/platform/executables';
import { hostKeyAlias, type HostEntry } from '../core/ssh/hostEntries';
import { loadSshClient } from '../core/ssh/loadClient';
import { type SamplerTarget, type TargetSource, UtilisationSampler } from '../core/utilisation/sampler';
import { podSource } from '../core/utilisation/sources';
import { windowPool, type WindowPool } from '../core/utilisation/windowPool';
import type { AccountData } from './accountData';
import type { Account } from './accounts';
import type { ProviderManager } from './providerManager';
import { sshKeyed, type SshService } from './sshService';

/**
 * The utilisation feed of this window: a pod is read through its cloud's metrics API where the provider has
 * one (`gpuReadings`), else by nvidia-smi through GPU Pods' own SSH client, on one pooled connection per pod
 * that never outlives this window (no ssh child, no ControlMaster). A pod without an entry is not connected
 * to on our own: it reads "unavailable" until the user connects once. `view` demand follows the GPU Pods
 * view's visibility; the idle rules set their own.
 */
export interface SamplerDeps {
  data: Pick<AccountData, 'allPods' | 'onDidChange'>;
  providers: Pick<ProviderManager, 'get'>;
  ssh: Pick<
    SshService,
    'entries' | 'ensureEntriesCurrent' | 'entryFiles' | 'clientDeps' | 'proxyOf' | 'onDidAcceptHostKey'
  >;
  log: Pick<vscode.LogOutputChannel, 'info'>;
  view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  intervalMs?: number;
  clock: Clock;
}

export function createUtilisationSampler(deps: SamplerDeps): UtilisationSampler & vscode.Disposable {
  const connections = windowPool(() => loadSshClient().then((c) => new c.SshPool(deps.ssh.clientDeps())));
  const told = new Set<string>();
  const sampler = new UtilisationSampler({
    targets: () =>
      deps.data.allPods().map(({ account, pod }): SamplerTarget => ({
        key: timerKey(account.id, pod.id),
        status: pod.status,
        source: () => sourceOf(deps, connections, told, account, pod),
      })),
    intervalMs: deps.intervalMs,
    clock: deps.clock,
    log: (m) => deps.log.info(m),
  });
  const { view } = deps;
  const follow = () => sampler.setDemand('view', view.visible ? 'allRunning' : []);
  const podsChanged = () => {
    sampler.podsChanged();
    // a pod that stopped or went (forgotten, terminated) keeps no connection
    const running = new Set(
      deps.data
        .allPods()
        .filter(({ pod }) => pod.status === 'running')
        .map(({ pod }) => poolKey(sshKeyed(pod))),
    );
    void connections.closeAllBut(running);
  };
  // a refused host key is never retried on its own: once the user accepted the new one, the pod is tried afresh
  const accepted = deps.ssh.onDidAcceptHostKey(async (name) => {
    for (const e of await deps.ssh.entries()) if (hostKeyAlias(e) === name) await connections.close(poolKey(e));
  });
  const subscriptions = [deps.data.onDidChange(podsChanged), view.onDidChangeVisibility(follow), accepted];
  follow();
  const dispose = sampler.dispose.bind(sampler);
  return Object.assign(sampler, {
    dispose() {
      for (const s of subscriptions) s.dispose();
      dispose();
      void connections.dispose();
    },
  });
}

/** The key our pool files a pod's connection under (as samplingTarget names it). */
function poolKey(pod: Pick<Pod, 'cloud' | 'id'> | Pick<HostEntry, 'cloud' | 'podId'>): string {
  return `${pod.cloud}:${'podId' in pod ? pod.podId : pod.id}`;
}

async function sourceOf(
  deps: SamplerDeps,
  connections: WindowPool,
  told: Set<string>,
  account: Account,
  pod: Pod,
): Promise<TargetSource> {
  const provider = await deps.providers.get(account);
  const { ssh } = deps;
  if (!provider.gpuReadings) await ssh.ensureEntriesCurrent();
  return podSource(provider, pod, {
    entries: () => ssh.entries(),
    pool: () => connections.get(),
    files: ssh.entryFiles(),
    stepsAside: (entry) => stepsAside(deps, told, entry),
    noEntry: vscode.l10n.t(
      'the pod has no SSH entry yet: connect to it once, then its GPUs are read over that connection',
    ),
  });
}

/** Where the user's ssh config sends the pod through a proxy, our client leaves it alone and says so. */
async function stepsAside(deps: SamplerDeps, told: Set<string>, entry: HostEntry): Promise<string | undefined> {
  let proxy: string | undefined;
  try {
    proxy = await deps.ssh.proxyOf(entry);
  } catch (e) {
    // the config has a Proxy line but there is no ssh to say where it applies: the reason is the missing ssh
    if (e instanceof OpenSshMissingError) return e.message;
    throw e;
  }
  if (!proxy) return undefined;
  const directive = proxy === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand';
  if (!told.has(entry.alias)) {
    told.add(entry.alias);
    deps.log.info(
      `Your ssh config sends ${entry.alias} through ${directive}: GPU Pods' own SSH client steps aside, so its GPUs are not sampled; Remote-SSH still connects that way.`,
    );
  }
  return vscode.l10n.t(
    "your SSH config sends this pod through {0}, which GPU Pods' own SSH client does not follow; Remote-SSH still connects that way",
    directive,
  );
}
