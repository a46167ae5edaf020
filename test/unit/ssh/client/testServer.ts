import type * as net from 'node:net';
import { Server, utils, type AuthContext, type Connection, type ServerChannel } from 'ssh2';
import type { HostKey } from '../../../../src/core/ssh/client/knownHosts';
import { sshKeyPair } from './keyPair';

/**
 * An SSH server in this process (ssh2's own server side) for what the real sshd fixture cannot show without
 * root or cannot show at all: keyboard-interactive only, a command that never ends or floods its output, the
 * exact login attempts a client made. Commands are not run: `onExec` answers them.
 */

export interface TestServerOptions {
  /** The one method this server accepts. */
  method: 'password' | 'keyboard-interactive' | 'publickey';
  password?: string;
  /** The public key blob allowed for publickey. */
  authorizedKey?: Buffer;
  onExec?(command: string, channel: ServerChannel): void;
  hostKeyType?: 'ed25519' | 'ecdsa';
}

export interface TestServer {
  port: number;
  hostKey: HostKey;
  /** Every login attempt, as `method` or `method:accepted|rejected` (never the secret). */
  attempts: string[];
  /** Commands received. */
  commands: string[];
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

export function newHostKey(type: 'ed25519' | 'ecdsa' = 'ed25519') {
  const pair = sshKeyPair(type);
  const parsed = utils.parseKey(pair.public);
  if (parsed instanceof Error) throw parsed;
  return { privateKey: pair.private, hostKey: { type: parsed.type, blob: parsed.getPublicSSH() } as HostKey };
}

export async function startTestServer(o: TestServerOptions): Promise<TestServer> {
  const { privateKey, hostKey } = newHostKey(o.hostKeyType);
  const state = { attempts: [] as string[], commands: [] as string[], connections: 0 };
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [privateKey] }, (client) => {
    state.connections++;
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx: AuthContext) => {
      const done = (ok: boolean) => {
        state.attempts.push(`${ctx.method}:${ok ? 'accepted' : 'rejected'}`);
        if (ok) ctx.accept();
        else ctx.reject([o.method]);
      };
      if (ctx.method !== o.method) {
        state.attempts.push(ctx.method);
        return ctx.reject([o.method]);
      }
      if (ctx.method === 'password') return done(ctx.password === o.password);
      if (ctx.method === 'keyboard-interactive')
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => done(answers[0] === o.password));
      if (ctx.method === 'publickey') {
        if (!o.authorizedKey || !ctx.key.data.equals(o.authorizedKey)) return done(false);
        if (!ctx.signature) return ctx.accept(); // "would this key do?": yes, now sign
        const key = utils.parseKey(o.authorizedKey);
        if (key instanceof Error) return done(false);
        return done(key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true);
      }
      done(false);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acceptExec, _reject, info) => {
          state.commands.push(info.command);
          const channel = acceptExec();
          if (o.onExec) o.onExec(info.command, channel);
          else {
            channel.exit(0);
            channel.end();
          }
        });
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    hostKey,
    get attempts() {
      return state.attempts;
    },
    get commands() {
      return state.commands;
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of clients) c.end();
        server.close(() => r());
      }),
  };
}
