import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { timerKey } from '../core/idleTimers';
import type { Pod } from '../core/model';
import { nodeProcessRunner, type ProcessRunner } from '../core/ssh/io';
import { type SamplerTarget, type TargetSource, UtilisationSampler } from '../core/utilisation/sampler';
import { podSource } from '../core/utilisation/sources';
import type { AccountData } from './accountData';
import type { Account } from './accounts';
import type { ProviderManager } from './providerManager';
import type { SshService } from './sshService';

/**
 * The utilisation feed of this window: a pod is read through its cloud's metrics API where the provider has
 * one (`gpuReadings`), else by nvidia-smi over its entry in our ssh file (one multiplexed connection). A pod
 * without an entry is not connected to on our own: it reads "unavailable" until the user connects once.
 * `view` demand follows the GPU Pods view's visibility; the idle rules set their own.
 */
export interface SamplerDeps {
  data: Pick<AccountData, 'allPods' | 'onDidChange'>;
  providers: Pick<ProviderManager, 'get'>;
  ssh: Pick<SshService, 'entries' | 'hostFile' | 'ensureMultiplexing'>;
  log: Pick<vscode.LogOutputChannel, 'info'>;
  view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  runner?: ProcessRunner;
  intervalMs?: number;
  clock: Clock;
}

export function createUtilisationSampler(deps: SamplerDeps): UtilisationSampler & vscode.Disposable {
  const sampler = new UtilisationSampler({
    targets: () =>
      deps.data.allPods().map(({ account, pod }): SamplerTarget => ({
        key: timerKey(account.id, pod.id),
        status: pod.status,
        source: () => sourceOf(deps, account, pod),
      })),
    intervalMs: deps.intervalMs,
    clock: deps.clock,
    log: (m) => deps.log.info(m),
  });
  const { view } = deps;
  const follow = () => sampler.setDemand('view', view.visible ? 'allRunning' : []);
  const subscriptions = [deps.data.onDidChange(() => sampler.podsChanged()), view.onDidChangeVisibility(follow)];
  follow();
  const dispose = sampler.dispose.bind(sampler);
  return Object.assign(sampler, {
    dispose() {
      for (const s of subscriptions) s.dispose();
      dispose();
    },
  });
}

async function sourceOf(deps: SamplerDeps, account: Account, pod: Pod): Promise<TargetSource> {
  const provider = await deps.providers.get(account);
  const { ssh } = deps;
  if (!provider.gpuReadings) await ssh.ensureMultiplexing();
  return podSource(provider, pod, {
    configPath: ssh.hostFile,
    entries: () => ssh.entries(),
    runner: deps.runner ?? nodeProcessRunner,
    noEntry: vscode.l10n.t(
      'the pod has no SSH entry yet: connect to it once, then its GPUs are read over that connection',
    ),
  });
}
