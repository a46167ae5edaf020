import type { Pod } from '../model';
import type { Provider } from '../provider';
import type { HostEntry } from '../ssh/hostEntries';
import type { ProcessRunner } from '../ssh/io';
import { readGpusOverSsh } from '../ssh/remoteGpus';
import type { TargetSource } from './sampler';

/**
 * Where one pod's readings come from, best first: the cloud's metrics API when the provider has one (no
 * connection to the pod at all), else nvidia-smi over the pod's entry in our own ssh file. A pod with no
 * entry is not connected to on our own initiative: it reads unavailable, with the reason.
 */
export interface SshAccess {
  /** Our ssh file (the entries' file, never the user's config). */
  configPath: string;
  /** The entries in it now; called only for a pod read over SSH. */
  entries(): Promise<HostEntry[]>;
  runner: ProcessRunner;
  /** The text of "no entry yet" (localised by the caller). */
  noEntry: string;
}

export async function podSource(
  provider: Pick<Provider, 'gpuReadings'>,
  pod: Pick<Pod, 'cloud' | 'id'>,
  ssh: SshAccess | { unavailable: string },
): Promise<TargetSource> {
  const gpuReadings = provider.gpuReadings?.bind(provider);
  if (gpuReadings) {
    return { kind: 'cloud-metrics', read: async (signal) => ({ gpus: await gpuReadings(pod.id, signal) }) };
  }
  if ('unavailable' in ssh) return ssh;
  const entry = (await ssh.entries()).find((e) => e.cloud === pod.cloud && e.podId === pod.id);
  if (!entry) return { unavailable: ssh.noEntry };
  const { configPath, runner } = ssh;
  return { kind: 'nvidia-smi', read: () => readGpusOverSsh({ runner, configPath, alias: entry.alias }) };
}
