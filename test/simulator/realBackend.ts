import { randomBytes } from 'node:crypto';
import type { JupyterTarget, PodBackend, SshTarget } from './backend';
import { JupyterLikeServer } from './jupyterServer';
import { SshdFixture, type SshdStartOptions } from './sshd';

/**
 * Simulated pods backed by real servers: every pod's SSH is the one loopback sshd (key login as the current
 * user, password login as the throw-away password user), every pod's Jupyter the one token-checking server.
 */
export class RealPodBackend implements PodBackend {
  private constructor(
    readonly sshd: SshdFixture,
    readonly jupyterServer: JupyterLikeServer,
  ) {}

  static async start(opts: SshdStartOptions = {}): Promise<RealPodBackend> {
    const jupyter = new JupyterLikeServer();
    await jupyter.start();
    try {
      return new RealPodBackend(await SshdFixture.start(opts), jupyter);
    } catch (e) {
      await jupyter.stop();
      throw e;
    }
  }

  /** Why password pods cannot log in here (not root, useradd failed), or undefined when they can. */
  get passwordUnavailable(): string | undefined {
    return this.sshd.passwordUnavailable;
  }

  ssh(auth: 'key' | 'password', _podId: string): SshTarget {
    const base = { host: '127.0.0.1', port: this.sshd.port };
    if (auth === 'key') return { ...base, user: this.sshd.keyUser };
    const pw = this.sshd.passwordUser;
    // without a password user the pod still gets an address; logging in fails as a real refusal would
    return { ...base, user: pw?.name ?? 'gpupods-sim', password: pw?.password ?? 'unavailable' };
  }

  jupyter(podId: string, token?: string): JupyterTarget {
    const t = token ?? randomBytes(12).toString('hex');
    this.jupyterServer.register(podId, t);
    return { baseUrl: this.jupyterServer.baseUrl(podId), token: t };
  }

  authorizeKey(publicKey: string): void {
    this.sshd.authorizeKey(publicKey);
  }

  resetPasswordPod(_podId: string): void {
    this.sshd.resetPasswordUserKeys();
  }

  async stop(): Promise<void> {
    await this.jupyterServer.stop();
    await this.sshd.stop();
  }
}
