import * as net from 'node:net';
import { join } from 'node:path';
import { AgentProtocol, type ParsedKey } from 'ssh2';

/** An ssh-agent in this process (ssh2's agent protocol, server side) on a Unix socket: holds unlocked keys. */
export async function startTestAgent(
  dir: string,
  keys: ParsedKey[],
): Promise<{ path: string; close(): Promise<void> }> {
  const path = join(dir, 'agent.sock');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const agent = new AgentProtocol(false);
    agent.on('identities', (req) => agent.getIdentitiesReply(req, keys));
    agent.on('sign', (req, pubKey, data) => {
      const key = keys.find((k) => k.getPublicSSH().equals(pubKey.getPublicSSH()));
      if (!key) return agent.failureReply(req);
      agent.signReply(req, key.sign(data));
    });
    socket.pipe(agent).pipe(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(path, () => r()));
  return {
    path,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
