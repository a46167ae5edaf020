import {
  BaseAgent,
  createAgent,
  utils,
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  type KeyboardInteractiveCallback,
  type ParsedKey,
  type Prompt,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import type { SshFs } from '../io';
import { l10n } from '../../l10n';
import { SshFailedError, SshKeyNeedsAgentError } from './errors';

/**
 * How our client logs in. A key file is read directly (no ssh-agent needed for GPU Pods' own key, which has
 * no passphrase); a key with a passphrase is used through the user's agent, offered only that key (as
 * IdentitiesOnly does); a password is tried exactly once, by the `password` method or, where the server only
 * offers `keyboard-interactive`, by answering its hidden prompt: a wrong password fails once, so it cannot
 * trip a server's lock-out.
 */
export type SshLogin =
  | {
      method: 'key';
      privateKeyPath: string;
      /** The user's agent (sshAgentLocation), used when the key has a passphrase. */
      agent?: string;
    }
  | { method: 'agent'; agent: string }
  | { method: 'password'; password: string };

/** One login attempt plan, and what it says about itself when it is refused. */
export interface LoginPlan {
  handler: AuthHandlerMiddleware;
  /** "the key …", "the password": the messages' word for what was refused (never the secret). */
  what: string;
  /** Why the agent could not be asked, when that is why the login failed. */
  agentProblem(): string | undefined;
}

/** An agent that offers only one key (when we know which), and remembers why it failed. */
class RecordingAgent extends BaseAgent<ParsedKey> {
  problem?: string;
  constructor(
    private readonly inner: BaseAgent,
    private readonly only?: Buffer,
  ) {
    super();
  }
  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    this.inner.getIdentities((err, keys) => {
      if (err) {
        this.problem = err.message;
        return cb(err);
      }
      const parsed = (keys ?? []).flatMap((k) => {
        const key = utils.parseKey(k as Buffer | ParsedKey);
        return key instanceof Error ? [] : [key];
      });
      const offered = this.only ? parsed.filter((k) => k.getPublicSSH().equals(this.only!)) : parsed;
      if (!offered.length) this.problem = l10n.t('the agent does not hold the key');
      cb(undefined, offered);
    });
  }
  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const callback = (typeof options === 'function' ? options : cb)!;
    const opts = typeof options === 'function' ? {} : options;
    this.inner.sign(pubKey, data, opts, callback);
  }
}

/** Walks `attempts` in order, skipping a method the server does not offer; `false` once none is left. */
function walk(attempts: AnyAuthMethod[]): AuthHandlerMiddleware {
  let next = 0;
  return (left: AuthenticationType[] | null, _partial, callback) => {
    while (next < attempts.length) {
      const attempt = attempts[next++];
      const type = attempt.type === 'agent' ? 'publickey' : attempt.type;
      if (attempt.type === 'none' || !left || left.includes(type)) return callback(attempt);
    }
    return callback(false as unknown as AnyAuthMethod);
  };
}

/** The password login: ask the server's methods first (`none`), then exactly one attempt with the password. */
function passwordHandler(username: string, password: string): AuthHandlerMiddleware {
  let step = 0;
  return (left: AuthenticationType[] | null, _partial, callback) => {
    step++;
    if (step === 1) return callback({ type: 'none', username });
    if (step === 2 && left?.includes('password')) return callback({ type: 'password', username, password });
    if (step === 2 && left?.includes('keyboard-interactive')) {
      let rounds = 0;
      return callback({
        type: 'keyboard-interactive',
        username,
        prompt: (_name, _instructions, _lang, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
          // the hidden prompt gets the password, once; a second round of prompts means it was refused
          const first = prompts.length === 0 || rounds++ === 0;
          finish(prompts.map((p) => (first && !p.echo ? password : '')));
        },
      });
    }
    return callback(false as unknown as AnyAuthMethod);
  };
}

function encrypted(error: Error): boolean {
  return /passphrase|encrypted/i.test(error.message);
}

async function publicKeyOf(fs: SshFs, privateKeyPath: string): Promise<Buffer | undefined> {
  const text = await fs.readFile(`${privateKeyPath}.pub`).catch(() => undefined);
  const key = text && utils.parseKey(text);
  return key && !(key instanceof Error) ? key.getPublicSSH() : undefined;
}

export async function planLogin(fs: SshFs, login: SshLogin, username: string): Promise<LoginPlan> {
  if (login.method === 'password') {
    return {
      handler: passwordHandler(username, login.password),
      what: l10n.t('the password'),
      agentProblem: () => undefined,
    };
  }
  if (login.method === 'agent') {
    const agent = new RecordingAgent(createAgent(login.agent));
    return {
      handler: walk([{ type: 'agent', username, agent }]),
      what: l10n.t('the keys of your SSH agent'),
      agentProblem: () => agent.problem,
    };
  }
  let data: Buffer;
  try {
    data = await fs.readFile(login.privateKeyPath);
  } catch (e) {
    throw new SshFailedError(
      l10n.t('Cannot read the SSH key {0} ({1}).', login.privateKeyPath, (e as NodeJS.ErrnoException).code ?? 'error'),
    );
  }
  const key = utils.parseKey(data);
  if (!(key instanceof Error)) {
    return {
      handler: walk([{ type: 'publickey', username, key }]),
      what: l10n.t('the key {0}', login.privateKeyPath),
      agentProblem: () => undefined,
    };
  }
  if (!encrypted(key)) {
    throw new SshFailedError(
      l10n.t('{0} is not a private key GPU Pods can read: {1}', login.privateKeyPath, key.message),
    );
  }
  if (!login.agent) {
    throw new SshKeyNeedsAgentError(
      l10n.t(
        'The key {0} has a passphrase, and GPU Pods cannot ask for it in the background. Add it to your SSH agent (ssh-add), or use a key without a passphrase.',
        login.privateKeyPath,
      ),
    );
  }
  const agent = new RecordingAgent(createAgent(login.agent), await publicKeyOf(fs, login.privateKeyPath));
  return {
    handler: walk([{ type: 'agent', username, agent }]),
    what: l10n.t('the key {0} (through your SSH agent)', login.privateKeyPath),
    agentProblem: () => agent.problem,
  };
}
