import type { Client, ClientChannel } from 'ssh2';
import type { Clock } from '../../clock';
import { l10n } from '../../l10n';
import { remoteCommand } from './command';
import { SshConnectionLostError, SshFailedError, SshTimeoutError } from './errors';

/** One command on an open connection: argv quoted by us, output bounded, a time limit on the clock. */

export interface ExecLimits {
  /** Longest the command may run; past it the channel is closed and the call fails. Default 30 s. */
  timeoutMs?: number;
  /** Output kept (stdout and stderr together); past it the channel is closed and `truncated` is set. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string;
}

export interface ExecResult {
  /** The command's exit status; null when it was ended by a signal or cut off. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** The output passed maxOutputBytes: the rest was not read and the command was ended. */
  truncated: boolean;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export function runCommand(
  client: Client,
  clock: Clock,
  argv: readonly string[],
  where: string,
  limits: ExecLimits = {},
): Promise<ExecResult> {
  const command = remoteCommand(argv);
  const max = limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  return new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    let channel: ClientChannel | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      outcome();
    };
    const timer = clock.setTimeout(() => {
      finish(() =>
        reject(
          new SshTimeoutError(
            l10n.t('{0} on {1} did not finish within {2} s.', argv[0], where, Math.round(timeoutMs / 1000)),
          ),
        ),
      );
      channel?.close();
    }, timeoutMs);
    try {
      client.exec(command, (err, stream) => {
        if (err) {
          return finish(() =>
            reject(new SshFailedError(l10n.t('{0} could not start a command: {1}', where, err.message))),
          );
        }
        if (settled) return void stream.close(); // timed out while the channel was opening
        channel = stream;
        const out: Buffer[] = [];
        const errs: Buffer[] = [];
        let bytes = 0;
        let truncated = false;
        let code: number | null | undefined;
        const take = (into: Buffer[]) => (chunk: Buffer) => {
          if (truncated) return;
          const room = max - bytes;
          if (chunk.length > room) {
            into.push(chunk.subarray(0, room));
            bytes = max;
            truncated = true;
            stream.close(); // untrusted output: stop reading, end the command
            return;
          }
          into.push(chunk);
          bytes += chunk.length;
        };
        stream.on('data', take(out));
        stream.stderr.on('data', take(errs));
        stream.on('exit', (exitCode: number | null) => (code = typeof exitCode === 'number' ? exitCode : null));
        stream.on('close', () =>
          finish(() => {
            if (code === undefined && !truncated)
              return reject(
                new SshConnectionLostError(l10n.t('The connection to {0} ended during {1}.', where, argv[0])),
              );
            resolve({
              code: truncated ? null : (code ?? null),
              stdout: Buffer.concat(out).toString('utf8'),
              stderr: Buffer.concat(errs).toString('utf8'),
              truncated,
            });
          }),
        );
        stream.on('error', () => undefined); // 'close' follows and settles the call
        stream.end(limits.stdin ?? '');
      });
    } catch {
      // ssh2 throws when the connection is already gone
      finish(() => reject(new SshConnectionLostError(l10n.t('The connection to {0} is closed.', where))));
    }
  });
}
