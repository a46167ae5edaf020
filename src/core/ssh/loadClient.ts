/**
 * Loads GPU Pods' own SSH client (dist/ssh.js, with ssh2) on first use. The build turns this import into a
 * require of the separate bundle (scripts/build.mjs, lazyModules); unit tests load the compiled module.
 */
import type * as sshClient from '../../ssh';

export type SshClientModule = typeof sshClient;

let loading: Promise<SshClientModule> | undefined;

export function loadSshClient(): Promise<SshClientModule> {
  loading ??= import('../../ssh');
  return loading;
}
