import type { PoolTarget, SshPool } from './client/pool';
import { hostKeyAlias, type HostEntry } from './hostEntries';
import {
  MAX_OUTPUT_LENGTH,
  NVIDIA_SMI_ARGS,
  NVIDIA_SMI_PROGRAM,
  parseNvidiaSmiCsv,
  readNvidiaSmi,
  type NvidiaSmiResult,
} from '../utilisation/nvidiaSmi';

/**
 * `nvidia-smi` on a pod through our own client's pooled connection (one per pod, no ssh child): what the
 * sampler's nvidia-smi source calls. Only types come from the client here: the
 * pool itself comes from the lazily loaded SSH bundle (loadSshClient).
 */

/** A first login to a distant pod included; a connection that is up answers in well under a second. */
export const POOLED_SAMPLE_TIMEOUT_MS = 20_000;

/** The files our entries name: the key they log in with, the known_hosts they trust. */
export interface EntryFiles {
  identityFile: string;
  knownHostsFile: string;
  /** The user's agent (sshAgentLocation), for an identity file with a passphrase. */
  agent?: string;
}

/** The pool target for a pod's entry: the same host, user, key, HostKeyAlias and known_hosts ssh would use. */
export function samplingTarget(entry: HostEntry, files: EntryFiles): PoolTarget {
  return {
    key: `${entry.cloud}:${entry.podId}`,
    target: { host: entry.host, port: entry.port, user: entry.user, hostKeyAlias: hostKeyAlias(entry) },
    login: { method: 'key', privateKeyPath: files.identityFile, ...(files.agent && { agent: files.agent }) },
    // as the entries' StrictHostKeyChecking accept-new: a new pod's key is filed, a changed one refused
    hostKeys: { knownHostsFile: files.knownHostsFile, trustNew: true },
  };
}

/** Client failures that are about logging in (key, agent, host key), not about reaching the pod. */
const LOGIN_REFUSALS = new Set(['authRefused', 'keyNeedsAgent', 'hostKeyChanged', 'hostKeyUnknown']);

export async function readGpusOverPool(
  pool: Pick<SshPool, 'exec'>,
  target: PoolTarget,
  timeoutMs = POOLED_SAMPLE_TIMEOUT_MS,
): Promise<NvidiaSmiResult> {
  let r;
  try {
    r = await pool.exec(target, [NVIDIA_SMI_PROGRAM, ...NVIDIA_SMI_ARGS], {
      timeoutMs,
      maxOutputBytes: MAX_OUTPUT_LENGTH + 1,
    });
  } catch (e) {
    const reason = (e as { reason?: string }).reason ?? '';
    if (reason === 'timeout')
      return { unavailable: `the pod did not answer over SSH within ${Math.round(timeoutMs / 1000)} s` };
    // the pod answered but the login did not go through: the user can do something about it, so say that
    if (LOGIN_REFUSALS.has(reason)) return { unavailable: `GPU Pods cannot log in over SSH: ${(e as Error).message}` };
    return { unavailable: `the pod cannot be reached over SSH: ${(e as Error).message}` };
  }
  // cut off at the bound: the parser says the output is not a GPU list
  if (r.truncated) return parseNvidiaSmiCsv(r.stdout + r.stderr);
  return readNvidiaSmi({ stdout: r.stdout, stderr: r.stderr, exitCode: r.code });
}
