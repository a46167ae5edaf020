import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Jupyter-like server on loopback: `GET /<podId>/lab?token=T` and `GET /<podId>/api/status` with
 * `Authorization: token T` answer 200 when T is the pod's token, 403 otherwise, so a test can prove that the
 * URL the extension opens is really logged in.
 */
export class JupyterLikeServer {
  private readonly tokens = new Map<string, string>();
  /** Every request: pod id, path and whether the token matched (the token itself is not kept). */
  readonly requests: Array<{ podId: string; path: string; status: number }> = [];
  private server?: http.Server;

  register(podId: string, token: string): void {
    this.tokens.set(podId, token);
  }

  unregister(podId: string): void {
    this.tokens.delete(podId);
  }

  get port(): number {
    const a = this.server?.address() as AddressInfo | undefined;
    if (!a) throw new Error('Jupyter-like server is not started');
    return a.port;
  }

  baseUrl(podId: string): string {
    return `http://127.0.0.1:${this.port}/${encodeURIComponent(podId)}/`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r, j) => this.server!.once('error', j).listen(0, '127.0.0.1', () => r()));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, rawPod = '', ...rest] = url.pathname.split('/');
    const podId = decodeURIComponent(rawPod);
    const path = '/' + rest.join('/');
    const header = /^token\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const given = url.searchParams.get('token') ?? header;
    const expected = this.tokens.get(podId);
    const ok = expected !== undefined && given === expected;
    const known = path === '/lab' || path === '/lab/' || path === '/api/status' || path === '/tree' || path === '/';
    const status = !known ? 404 : ok ? 200 : 403;
    this.requests.push({ podId, path, status });
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 403 ? 'Forbidden' : 'Not Found');
    } else if (path === '/api/status') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ started: new Date(0).toISOString(), kernels: 0 }));
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><head><title>JupyterLab</title></head><body>JupyterLab</body></html>');
    }
  }
}
