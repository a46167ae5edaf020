import { GpuPodsError } from '../../errors';
import { l10n } from '../../l10n';
import { fingerprint, type HostKey } from './knownHosts';

/**
 * What our SSH client can fail with, one class per thing the user can do something about. Each says it in
 * one sentence with the host (never a password: logins are described by method, not by value) and carries a
 * `reason` the UI can switch on without `instanceof` (the classes live in the SSH bundle, loaded on first use).
 */

export type SshFailure =
  | 'hostKeyChanged'
  | 'hostKeyUnknown'
  | 'authRefused'
  | 'keyNeedsAgent'
  | 'unreachable'
  | 'timeout'
  | 'connectionLost'
  | 'failed';

export abstract class SshClientError extends GpuPodsError {
  readonly kind: 'network' | 'timeout' = 'network';
  abstract readonly reason: SshFailure;
}

/** Duck-typed, so either bundle can tell: `isSshClientError(e, 'hostKeyChanged')`. */
export function isSshClientError(e: unknown, reason?: SshFailure): e is SshClientError {
  const r = (e as { reason?: unknown } | undefined)?.reason;
  return e instanceof GpuPodsError && typeof r === 'string' && (reason === undefined || r === reason);
}

/** `user@host:port`, as the messages name a login. */
export function describe(target: { host: string; port: number; user: string }): string {
  return `${target.user}@${target.host}:${target.port}`;
}

/**
 * The pod showed a host key other than the one on file. Refused: it may be a new pod on a reused address,
 * or someone in between. The UI shows both fingerprints and, once the user confirms, files `offered` in
 * place of the old ones (replaceHostKey with `hostKeyName`).
 */
export class HostKeyChangedError extends SshClientError {
  readonly reason = 'hostKeyChanged';
  readonly knownFingerprints: string[];
  readonly offeredFingerprint: string;
  constructor(
    readonly host: string,
    /** The known_hosts name the keys are filed under. */
    readonly hostKeyName: string,
    known: HostKey[],
    readonly offered: HostKey,
  ) {
    const was = known.map((k) => fingerprint(k.blob));
    const now = fingerprint(offered.blob);
    super(
      l10n.t(
        'The host key of {0} has changed: it was {1}, it is now {2}. GPU Pods did not connect; accept the new key only if you know why it changed (for example, the pod was recreated).',
        host,
        was.join(', '),
        now,
      ),
    );
    this.knownFingerprints = was;
    this.offeredFingerprint = now;
  }
}

/** First contact with a host the caller did not allow us to trust on first use. */
export class HostKeyUnknownError extends SshClientError {
  readonly reason = 'hostKeyUnknown';
  readonly offeredFingerprint: string;
  constructor(
    readonly host: string,
    readonly hostKeyName: string,
    readonly offered: HostKey,
  ) {
    const now = fingerprint(offered.blob);
    super(l10n.t('The host key of {0} ({1}) is not known yet; GPU Pods did not connect.', host, now));
    this.offeredFingerprint = now;
  }
}

export class SshAuthRefusedError extends SshClientError {
  readonly reason = 'authRefused';
}

/** Our key file has a passphrase and no agent holds it: background work has no one to ask. */
export class SshKeyNeedsAgentError extends SshClientError {
  readonly reason = 'keyNeedsAgent';
}

export class SshUnreachableError extends SshClientError {
  readonly reason = 'unreachable';
}

export class SshTimeoutError extends SshClientError {
  override readonly kind = 'timeout';
  readonly reason = 'timeout';
}

/** The connection ended under a command (the pod stopped, the network dropped). */
export class SshConnectionLostError extends SshClientError {
  readonly reason = 'connectionLost';
}

/** Anything else the SSH layer reported (a protocol error, no common algorithm …), in its own words. */
export class SshFailedError extends SshClientError {
  readonly reason = 'failed';
}
