import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JupyterTarget, PodBackend, SshTarget } from './backend';
import type { PodGpuState } from './gpu';
import { JupyterLikeServer } from './jupyterServer';
import { installNvidiaSmi, writePodFile } from './nvidiaSmi';
import { SshdFixture, type SshdStartOptions } from './sshd';

/**
 * Pods get addresses of their own from this many ports; past them, round robin (a new pod shares an address with
 * an old one, as clouds reuse addresses, and that port's nvidia-smi reads the newest pod's readings).
 */
const POD_PORTS = 16;

/**
 * Simulated pods backed by real servers: every pod's SSH is the one loopback sshd (key login as the current
 * user, password login as the throw-away password user) on a port of its own, every pod's Jupyter the one
 * token-checking server. Each session finds a `nvidia-smi` on its PATH that reads the readings of the pod
 * whose port the session came in on (nvidiaSmi.ts).
 */
export class RealPodBackend implements PodBackend {
  /** A pod keeps its port for good (clouds that list a pod again must see the same address). */
  private readonly portOf = new Map<string, number>();
  /** Which pod a port's nvidia-smi answers for: the last one given the port. */
  private readonly ownerOf = new Map<number, string>();
  private readonly gpus = new Map<string, PodGpuState>();
  private nextPort = 0;

  private constructor(
    readonly sshd: SshdFixture,
    readonly jupyterServer: JupyterLikeServer,
    /** Holds bin/nvidia-smi and pods/<port> (world-readable: the password user reads them too). */
    readonly gpuDir: string,
  ) {}

  static async start(opts: SshdStartOptions = {}): Promise<RealPodBackend> {
    const jupyter = new JupyterLikeServer();
    await jupyter.start();
    const gpuDir = mkdtempSync(join(tmpdir(), 'gpupods-gpu-'));
    try {
      const bin = installNvidiaSmi(gpuDir);
      const sshd = await SshdFixture.start({ extraPorts: POD_PORTS - 1, pathPrepend: bin, ...opts });
      return new RealPodBackend(sshd, jupyter, gpuDir);
    } catch (e) {
      await jupyter.stop();
      rmSync(gpuDir, { recursive: true, force: true });
      throw e;
    }
  }

  /** The pod's SSH port: its own while the pool lasts (the first pod gets `sshd.port`). */
  private podPort(podId: string): number {
    let port = this.portOf.get(podId);
    if (port === undefined) {
      const ports = this.sshd.ports;
      port = ports[this.nextPort++ % ports.length];
      this.portOf.set(podId, port);
      this.ownerOf.set(port, podId);
      writePodFile(this.gpuDir, port, podId, this.gpus.get(podId));
    }
    return port;
  }

  showGpus(podId: string, state: PodGpuState | undefined): void {
    if (state) this.gpus.set(podId, state);
    else this.gpus.delete(podId);
    const port = this.portOf.get(podId);
    if (port !== undefined && this.ownerOf.get(port) === podId) writePodFile(this.gpuDir, port, podId, state);
  }

  /** Why password pods cannot log in here (not root, useradd failed), or undefined when they can. */
  get passwordUnavailable(): string | undefined {
    return this.sshd.passwordUnavailable;
  }

  ssh(auth: 'key' | 'password', podId: string): SshTarget {
    const base = { host: '127.0.0.1', port: this.podPort(podId) };
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
    rmSync(this.gpuDir, { recursive: true, force: true });
  }
}
