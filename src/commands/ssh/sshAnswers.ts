import type { Pod } from '../../core/model';
import { isSshClientError, type SshFailure } from '../../core/ssh/client/errors';
import { PodNotReachableError } from '../../core/ssh/errors';
import type { HostEntry } from '../../core/ssh/hostEntries';
import type { PreparedHost } from '../../services/sshServicePort';
import type { PodTarget } from '../pickTarget';
import type { Services } from '../services';
import { withHostKeyCheck } from './hostKeyChanged';

/** Failures that mean "the pod's sshd is not up yet" on a pod that has just started: tried again. */
const NOT_YET: readonly SshFailure[] = ['unreachable', 'timeout', 'connectionLost', 'failed'];

const notYet = (e: unknown) =>
  e instanceof PodNotReachableError || NOT_YET.some((reason) => isSshClientError(e, reason));

export interface AnsweringEntry {
  entry: HostEntry;
  /** The key logged in (false: the pod answered but refused the key, which the key hint explains next). */
  keyLoggedIn: boolean;
  /** A password pod behind the user's proxy: GPU Pods did not install its key (see SshService.prepare). */
  keyNotInstalled?: PreparedHost['keyNotInstalled'];
}

/**
 * One try of "does SSH answer" on a pod that has just started: its entry written (on password clouds the key
 * installed with the password, which logs in), then one key login with our own client. Undefined while the pod
 * has no address or its sshd does not answer; a refused key counts as an answer (the key hint says what to do).
 * A changed host key is the user's to accept, as at every connect.
 */
export async function sshAnswers(services: Services, target: PodTarget, pod: Pod): Promise<AnsweringEntry | undefined> {
  let entry: HostEntry;
  try {
    const prepared = await withHostKeyCheck(services, () =>
      services.ssh.prepare(pod, target.provider.facts, services.ui, target.account),
    );
    entry = prepared.entry;
    // our client steps aside for a proxied pod: nothing to try, ssh will ask for the password
    if (prepared.keyNotInstalled) return { entry, keyLoggedIn: false, keyNotInstalled: prepared.keyNotInstalled };
  } catch (e) {
    if (notYet(e)) return undefined;
    throw e;
  }
  try {
    await withHostKeyCheck(services, () => services.ssh.checkKeyLogin(entry));
    return { entry, keyLoggedIn: true };
  } catch (e) {
    if (notYet(e)) return undefined;
    if (isSshClientError(e, 'authRefused')) return { entry, keyLoggedIn: false };
    throw e;
  }
}
