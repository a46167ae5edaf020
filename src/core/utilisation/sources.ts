import type { Pod } from '../model';
import type { Provider } from '../provider';
import type { SshPool } from '../ssh/client/pool';
import type { HostEntry } from '../ssh/hostEntries';
import { readGpusOverPool, samplingTarget, type EntryFiles } from '../ssh/pooledGpus';
import type { TargetSource } from './sampler';

/**
 * Where one pod's readings come from, best first: the cloud's metrics API when the provider has one (no
 * connection to the pod at all), else nvidia-smi through GPU Pods' own SSH client, on one pooled connection
 * per pod (no ssh child, no ControlMaster: the same on every desktop). A pod with no entry is not connected
 * to on our own initiative: it reads unavailable, with the reason.
 */
export interface SshAccess {
  /** The entries in our ssh file now; called only for a pod read over SSH. */
  entries(): Promise<HostEntry[]>;
  /** The window's connections (our own client, loaded on first use). */
  pool(): Promise<Pick<SshPool, 'exec'>>;
  /** The key and known_hosts our entries name, and the user's agent. */
  files: EntryFiles;
  /**
   * Why our client leaves this entry alone (the user's ssh config sends it through a proxy our client does
   * not follow); undefined when it does not.
   */
  stepsAside?(entry: HostEntry): Promise<string | undefined>;
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
  const aside = await ssh.stepsAside?.(entry);
  if (aside) return { unavailable: aside };
  const target = samplingTarget(entry, ssh.files);
  return { kind: 'nvidia-smi', read: async () => readGpusOverPool(await ssh.pool(), target) };
}
