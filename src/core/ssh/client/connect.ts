import { Client, type Algorithms, type ConnectConfig } from 'ssh2';
import type { Clock } from '../../clock';
import { displayText } from '../../displayText';
import { l10n } from '../../l10n';
import type { Logger } from '../../logger';
import type { SshFs } from '../io';
import { bareHost, checkHostKeyAlias, validateEndpoint } from '../validate';
import { planLogin, type SshLogin } from './auth';
import {
  describe,
  HostKeyChangedError,
  HostKeyUnknownError,
  SshAuthRefusedError,
  type SshClientError,
  SshConnectionLostError,
  SshFailedError,
  SshTimeoutError,
  SshUnreachableError,
} from './errors';
import { runCommand, type ExecLimits, type ExecResult } from './exec';
import { addHostKey, blobType, checkHostKey, knownHostName, knownKeyTypes, readKnownHosts } from './knownHosts';

/**
 * One SSH connection of our own, through ssh2 (pure JavaScript): the same on Windows, macOS and Linux, with no
 * ssh child process, no password-prompt helper and no ControlMaster. The host key is checked against our known_hosts before
 * any login is sent.
 */

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** The entry's HostKeyAlias: the known_hosts name (pods are keyed by id, not address). */
  hostKeyAlias?: string;
}

export interface HostKeyPolicy {
  /** Our known_hosts (the one our entries name in UserKnownHostsFile). */
  knownHostsFile: string;
  /** First contact: file the key and go on (trust on first use). False: refuse a host with no key on file. */
  trustNew: boolean;
}

export interface ConnectOptions {
  target: SshTarget;
  login: SshLogin;
  hostKeys: HostKeyPolicy;
  /** From the TCP connect to a finished login. Default 20 s. */
  timeoutMs?: number;
}

export interface ClientDeps {
  fs: SshFs;
  clock: Clock;
  log?: Logger;
}

export interface SshSession {
  readonly target: SshTarget;
  exec(argv: readonly string[], limits?: ExecLimits): Promise<ExecResult>;
  isOpen(): boolean;
  /** Settles when the connection has ended, whoever ended it. */
  readonly closed: Promise<void>;
  close(): void;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const CLOSE_GRACE_MS = 2_000;

/** The server host key algorithms ssh2 can use for a known key type, so those are asked for first (as ssh does). */
const ALGORITHMS_FOR_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

const UNREACHABLE: Record<string, () => string> = {
  ECONNREFUSED: () => l10n.t('connection refused'),
  ECONNRESET: () => l10n.t('connection reset'),
  EHOSTUNREACH: () => l10n.t('host unreachable'),
  ENETUNREACH: () => l10n.t('network unreachable'),
  ETIMEDOUT: () => l10n.t('no answer'),
  ENOTFOUND: () => l10n.t('unknown host name'),
  EAI_AGAIN: () => l10n.t('the host name could not be looked up'),
  EPIPE: () => l10n.t('connection closed'),
};

/** Text the server or the network sent, fit for a message: one line, no control or link characters, short. */
function said(text: string, secret?: string): string {
  const hidden = secret && secret.length >= 4 ? text.split(secret).join('***') : text;
  return displayText(hidden, { maxLength: 160 });
}

export async function connectSsh(options: ConnectOptions, deps: ClientDeps): Promise<SshSession> {
  const { target, login, hostKeys } = options;
  validateEndpoint(target);
  if (target.hostKeyAlias) checkHostKeyAlias(target.hostKeyAlias);
  const host = bareHost(target.host);
  const where = describe(target);
  const name = knownHostName(target);
  const secret = login.method === 'password' ? login.password : undefined;
  const plan = await planLogin(deps.fs, login, target.user);
  const knownFile = await readKnownHosts(deps.fs, hostKeys.knownHostsFile).catch((e: NodeJS.ErrnoException) => {
    throw new SshFailedError(
      l10n.t('Cannot read the known hosts file {0} ({1}).', hostKeys.knownHostsFile, e.code ?? String(e.message)),
    );
  });
  const knownTypes = knownKeyTypes(knownFile, name);
  const preferred = knownTypes.flatMap((t) => ALGORITHMS_FOR_TYPE[t] ?? []);
  const algorithms: Algorithms | undefined = preferred.length
    ? { serverHostKey: { remove: preferred, prepend: preferred } as unknown as Algorithms['serverHostKey'] }
    : undefined;

  const client = new Client();
  let refusal: SshClientError | undefined;
  const hostVerifier = (blob: Buffer, verify: (ok: boolean) => void) => {
    const offered = { type: blobType(blob) ?? 'unknown', blob };
    // read again now: another window may have filed or replaced the key since
    readKnownHosts(deps.fs, hostKeys.knownHostsFile)
      .then(async (content) => {
        const check = checkHostKey(content, name, offered);
        if (check.status === 'known') return true;
        if (check.status === 'changed') refusal = new HostKeyChangedError(where, name, check.known, offered);
        else if (!hostKeys.trustNew) refusal = new HostKeyUnknownError(where, name, offered);
        else {
          await addHostKey(deps.fs, hostKeys.knownHostsFile, name, offered);
          deps.log?.info(`Recorded the host key of ${where} as ${name}.`);
          return true;
        }
        return false;
      })
      .then(verify, (e: unknown) => {
        refusal = new SshFailedError(
          l10n.t('Could not check the host key of {0} against known_hosts: {1}', where, String((e as Error).message)),
        );
        verify(false);
      });
  };

  const config: ConnectConfig = {
    host,
    port: target.port,
    username: target.user,
    authHandler: plan.handler,
    hostVerifier,
    readyTimeout: 0, // our own time limit below, on the injected clock
    keepaliveInterval: 0,
    ...(algorithms && { algorithms }),
  };

  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let ready = false;
  let closedResolve!: () => void;
  const closed = new Promise<void>((r) => (closedResolve = r));

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (e: SshClientError) => {
      if (settled) return;
      settled = true;
      deps.clock.clearTimeout(timer);
      client.end();
      client.destroy();
      reject(e);
    };
    const timer = deps.clock.setTimeout(
      () =>
        fail(
          new SshTimeoutError(
            l10n.t('{0} did not complete the SSH login within {1} s.', where, Math.round(timeoutMs / 1000)),
          ),
        ),
      timeoutMs,
    );
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      ready = true;
      deps.clock.clearTimeout(timer);
      resolve();
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (ready) {
        deps.log?.debug(`SSH connection to ${where}: ${said(err.message, secret)}`);
        return;
      }
      // the agent could not be asked: ssh2 goes on to the next method, and the refusal that follows names it
      if (err.level === 'agent') return;
      fail(mapError(err));
    });
    client.on('close', () => {
      closedResolve();
      fail(
        refusal ?? new SshConnectionLostError(l10n.t('{0} closed the connection before the login finished.', where)),
      );
    });
    try {
      client.connect(config);
    } catch (e) {
      fail(new SshFailedError(l10n.t('SSH to {0} failed: {1}', where, said(String((e as Error).message), secret))));
    }
  });

  function mapError(err: Error & { level?: string; code?: string }): SshClientError {
    if (refusal) return refusal;
    if (err.level === 'client-authentication') {
      const agent = plan.agentProblem();
      return new SshAuthRefusedError(
        agent
          ? l10n.t('{0} refused {1} (your SSH agent: {2}).', where, plan.what, said(agent))
          : l10n.t('{0} refused {1}.', where, plan.what),
      );
    }
    const reason = err.code ? UNREACHABLE[err.code] : undefined;
    if (reason || err.level === 'client-socket')
      return new SshUnreachableError(
        l10n.t(
          'Cannot reach {0}:{1} over SSH ({2}).',
          host,
          target.port,
          reason ? reason() : said(err.message, secret),
        ),
      );
    if (err.level === 'client-timeout')
      return new SshTimeoutError(l10n.t('{0} did not answer the SSH handshake in time.', where));
    return new SshFailedError(l10n.t('SSH to {0} failed: {1}', where, said(err.message, secret)));
  }

  let open = true;
  void closed.then(() => (open = false));
  return {
    target,
    exec: (argv, limits) => runCommand(client, deps.clock, argv, where, limits),
    isOpen: () => open,
    closed,
    close: () => {
      if (!open) return;
      client.end(); // a polite disconnect; a peer that no longer answers is cut off shortly after
      const cut = deps.clock.setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
      void closed.then(() => deps.clock.clearTimeout(cut));
    },
  };
}
