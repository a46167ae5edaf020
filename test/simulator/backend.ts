import type { PodGpuState } from './gpu';

/**
 * What stands behind a simulated pod: where its SSH and Jupyter answer. The fake backend only hands out
 * addresses (contract tests need no servers); the real one (realBackend.ts) runs a real sshd and a
 * Jupyter-like server on loopback.
 */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** Set for password clouds: the password the cloud reports for the pod. */
  password?: string;
}

export interface JupyterTarget {
  /** Base URL, no credentials. */
  baseUrl: string;
  /** The token the server accepts. */
  token: string;
}

export interface PodBackend {
  /** A pod has started: where its SSH answers. `auth` picks key (root) or password login. */
  ssh(auth: 'key' | 'password', podId: string): SshTarget;
  /** Where its Jupyter answers, and with which token (for Yotta: the JUPYTER_PASSWORD given at create). */
  jupyter(podId: string, token?: string): JupyterTarget;
  /** A public key the account registered (Yotta console keys, NeevCloud create-time keys) may log in. */
  authorizeKey(publicKey: string): void;
  /** A new password pod starts with no keys installed by us. */
  resetPasswordPod(podId: string): void;
  /** The pod's GPU readings changed (undefined: forgotten): what its `nvidia-smi` answers from now on. */
  showGpus?(podId: string, state: PodGpuState | undefined): void;
}

export class FakePodBackend implements PodBackend {
  readonly keys: string[] = [];
  ssh(auth: 'key' | 'password', podId: string): SshTarget {
    return auth === 'password'
      ? { host: '127.0.0.1', port: 30022, user: 'root', password: `pw-${podId.slice(-6)}` }
      : { host: '127.0.0.1', port: 30022, user: 'root' };
  }
  jupyter(podId: string, token?: string): JupyterTarget {
    return { baseUrl: `http://127.0.0.1:38888/${podId}/`, token: token ?? `tok-${podId.slice(-6)}` };
  }
  authorizeKey(publicKey: string): void {
    this.keys.push(publicKey);
  }
  resetPasswordPod(): void {
    /* nothing to reset without a server */
  }
}
