import {
  MAX_OUTPUT_LENGTH,
  NVIDIA_SMI_ARGS,
  NVIDIA_SMI_PROGRAM,
  parseNvidiaSmiCsv,
  readNvidiaSmi,
  type NvidiaSmiResult,
} from '../utilisation/nvidiaSmi';
import type { ProcessRunner } from './io';
import { checkAlias } from './validate';

/**
 * `nvidia-smi` on a pod through its entry in our own ssh file: `ssh -F <our file> <alias> -- nvidia-smi …`,
 * argv only (no shell string is built, the alias is checked, the command is fixed), a timeout, and output
 * read up to the parser's bound. The entry's ControlMaster/ControlPersist (multiplex.ts) make every sample
 * after the first reuse one connection.
 */

/** Long enough for a first login to a distant pod; a master that is up answers in well under a second. */
export const SSH_SAMPLE_TIMEOUT_MS = 20_000;

export interface RemoteGpusOptions {
  runner: ProcessRunner;
  /** Our own ssh file (never the user's). */
  configPath: string;
  alias: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** The argv handed to ssh; exported for the test that proves no pod text can become an option. */
export function remoteGpusArgs(configPath: string, alias: string): string[] {
  return [
    ...['-F', configPath],
    // never a prompt (a background sample has no one to answer it) and no hang on a dead address
    ...['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR'],
    checkAlias(alias),
    '--',
    NVIDIA_SMI_PROGRAM,
    ...NVIDIA_SMI_ARGS,
  ];
}

export async function readGpusOverSsh(o: RemoteGpusOptions): Promise<NvidiaSmiResult> {
  const timeoutMs = o.timeoutMs ?? SSH_SAMPLE_TIMEOUT_MS;
  const r = await o.runner.run('ssh', remoteGpusArgs(o.configPath, o.alias), {
    timeoutMs,
    maxOutput: MAX_OUTPUT_LENGTH + 1,
    ...(o.env && { env: o.env }),
  });
  // cut off at the bound (the child was ended): the parser says the output is not a GPU list
  if (r.stdout.length > MAX_OUTPUT_LENGTH) return parseNvidiaSmiCsv(r.stdout);
  if (r.timedOut) return { unavailable: `the pod did not answer over SSH within ${Math.round(timeoutMs / 1000)} s` };
  // 255 is ssh's own failure (refused, unreachable, host key, login); the remote command's status otherwise.
  if (r.code === 255 || r.code === null) {
    const said = r.stderr
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '');
    return { unavailable: `the pod cannot be reached over SSH${said ? `: ${clip(said)}` : ''}` };
  }
  return readNvidiaSmi({ stdout: r.stdout, stderr: r.stderr, exitCode: r.code });
}

/** ssh's own message, one short line of printable text (it may quote what the server sent). */
function clip(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, ' ').replace(/\s+/g, ' ');
  return clean.length > 160 ? `${clean.slice(0, 160)}…` : clean;
}
