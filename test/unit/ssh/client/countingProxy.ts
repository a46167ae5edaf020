import * as net from 'node:net';

/**
 * A TCP relay on loopback in front of sshd: counts the connections made through it and can cut them all,
 * as a pod restart or a network drop would (ending sshd alone leaves its sessions running).
 */
export class CountingProxy {
  connections = 0;
  private readonly open = new Set<net.Socket>();
  private server?: net.Server;

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<CountingProxy> {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const proxy = new CountingProxy(port, targetPort);
    await proxy.listen();
    return proxy;
  }

  /** Accepts connections again (after `cut`). */
  async listen(): Promise<void> {
    const server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
  }

  /** Ends every connection and stops accepting: the pod is gone from the network. */
  async cut(): Promise<void> {
    for (const s of this.open) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((r) => server.close(r));
  }
}
