import type { Clock } from '../../clock';
import { connectSsh, type ClientDeps, type ConnectOptions, type SshSession } from './connect';
import { isSshClientError } from './errors';
import type { ExecLimits, ExecResult } from './exec';

/**
 * One connection per pod for repeated work (nvidia-smi once a minute): opened on first use, reused by every
 * command after, closed when idle, on demand (sampling stopped, the pod stopped) or when the pool is disposed
 * with its window. A connection that drops is opened again on the next command; a connection that cannot be
 * opened is tried again only after a backoff (5 s, doubling, at most 5 min), and until then commands fail at
 * once with the last reason. A host key that changed or is unknown is not retried at all: the user decides,
 * then `close(key)` lets the next command try afresh.
 */

export interface PoolTarget extends ConnectOptions {
  /** What the connection belongs to (`<cloud>:<pod id>`): one connection per key. */
  key: string;
}

export interface PoolOptions {
  /** A connection unused this long is closed. Default 5 min (samples come once a minute). */
  idleCloseMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** How a connection is opened (tests count or fail them). */
  connect?: (options: ConnectOptions, deps: ClientDeps) => Promise<SshSession>;
}

interface Slot {
  signature: string;
  session?: SshSession;
  opening?: Promise<SshSession>;
  failures: number;
  retryAt?: number;
  lastError?: unknown;
  idleTimer?: unknown;
  busy: number;
}

/** What decides whether an open connection still fits a target; the password itself is compared, never kept apart. */
function signature(t: PoolTarget): string {
  const { target, login, hostKeys } = t;
  return JSON.stringify([target.host, target.port, target.user, target.hostKeyAlias, hostKeys, login]);
}

const NEVER_RETRIED = new Set(['hostKeyChanged', 'hostKeyUnknown']);

export class SshPool {
  private readonly slots = new Map<string, Slot>();
  private disposed = false;
  /** Connections opened so far (the bench reports it). */
  opened = 0;
  private readonly clock: Clock;

  constructor(
    private readonly deps: ClientDeps,
    private readonly options: PoolOptions = {},
  ) {
    this.clock = deps.clock;
  }

  /** Runs `argv` on the target's connection, opening it when there is none. */
  async exec(target: PoolTarget, argv: readonly string[], limits?: ExecLimits): Promise<ExecResult> {
    const slot = this.slot(target);
    const session = await this.session(slot, target);
    slot.busy++;
    this.clock.clearTimeout(slot.idleTimer);
    try {
      return await session.exec(argv, limits);
    } catch (e) {
      // a command that timed out or lost its connection leaves a connection not worth keeping
      if (isSshClientError(e, 'timeout') || isSshClientError(e, 'connectionLost')) this.drop(slot, session);
      throw e;
    } finally {
      slot.busy--;
      this.armIdle(target.key, slot);
    }
  }

  /** Closes the key's connection and forgets its failures. */
  close(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.clock.clearTimeout(slot.idleTimer);
    slot.session?.close();
    void slot.opening?.then(
      (s) => s.close(),
      () => undefined,
    );
  }

  /** Keys with a connection open now. */
  openKeys(): string[] {
    return [...this.slots].filter(([, s]) => s.session?.isOpen()).map(([k]) => k);
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.slots.keys()]) this.close(key);
  }

  private slot(target: PoolTarget): Slot {
    const sig = signature(target);
    const existing = this.slots.get(target.key);
    if (existing && existing.signature === sig) return existing;
    if (existing) this.close(target.key); // the pod moved, or another key or file: a new connection
    const slot: Slot = { signature: sig, failures: 0, busy: 0 };
    this.slots.set(target.key, slot);
    return slot;
  }

  private async session(slot: Slot, target: PoolTarget): Promise<SshSession> {
    if (slot.session?.isOpen()) return slot.session;
    if (slot.opening) return slot.opening;
    if (slot.retryAt !== undefined && this.clock.now() < slot.retryAt) throw slot.lastError;
    if (this.disposed) throw new Error('The SSH pool was closed.');
    const connect = this.options.connect ?? connectSsh;
    const opening = connect(target, this.deps);
    slot.opening = opening;
    try {
      const session = await opening;
      this.opened++;
      if (this.slots.get(target.key) !== slot) {
        session.close(); // closed or replaced while it was opening
        throw slot.lastError ?? new Error('The SSH connection was closed.');
      }
      Object.assign(slot, { session, failures: 0, retryAt: undefined, lastError: undefined });
      void session.closed.then(() => {
        if (slot.session === session) slot.session = undefined;
      });
      return session;
    } catch (e) {
      slot.failures++;
      slot.lastError = e;
      const never = NEVER_RETRIED.has((e as { reason?: string }).reason ?? '');
      slot.retryAt = never ? Infinity : this.clock.now() + this.backoff(slot.failures);
      throw e;
    } finally {
      slot.opening = undefined;
    }
  }

  private backoff(failures: number): number {
    const first = this.options.firstBackoffMs ?? 5_000;
    const max = this.options.maxBackoffMs ?? 300_000;
    return Math.min(max, first * 2 ** (failures - 1));
  }

  private drop(slot: Slot, session: SshSession): void {
    if (slot.session === session) slot.session = undefined;
    session.close();
  }

  private armIdle(key: string, slot: Slot): void {
    if (slot.busy > 0 || !slot.session) return;
    this.clock.clearTimeout(slot.idleTimer);
    slot.idleTimer = this.clock.setTimeout(() => {
      if (this.slots.get(key) === slot && slot.busy === 0) {
        slot.session?.close();
        slot.session = undefined;
      }
    }, this.options.idleCloseMs ?? 300_000);
  }
}
