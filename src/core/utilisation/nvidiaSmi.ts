import { displayText } from '../displayText';
import type { GpuReading } from './model';

/**
 * Reading `nvidia-smi` on a pod. The command is a fixed program and argument list (no shell string is built
 * from anything a cloud sent), and its output is untrusted: a pod can print anything, so the parser accepts
 * only the exact CSV it asked for, within bounds, and otherwise says which line it could not read.
 */

export const NVIDIA_SMI_PROGRAM = 'nvidia-smi';

/** The fields, in the order the parser expects them. */
export const NVIDIA_SMI_FIELDS = ['index', 'name', 'utilization.gpu', 'memory.used', 'memory.total'] as const;

export const NVIDIA_SMI_ARGS: readonly string[] = [
  `--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`,
  '--format=csv,noheader,nounits',
];

/** More GPUs than any machine carries: past this the output is not what we asked for. */
export const MAX_GPU_LINES = 64;
/** A real line is well under 150 characters (index, a model name, three numbers). */
export const MAX_LINE_LENGTH = 512;
/** Output read at all; the caller should stop collecting past this too. */
export const MAX_OUTPUT_LENGTH = MAX_GPU_LINES * MAX_LINE_LENGTH;
/** Larger than any GPU's memory (1 TiB): a bigger figure is garbage, not a GPU. */
const MAX_MEMORY_MIB = 1024 * 1024;
/** How much of an unreadable line or a failure message is quoted back. */
const QUOTE_LENGTH = 80;

export interface NvidiaSmiRun {
  stdout: string;
  stderr?: string;
  /** The remote command's exit status; null or undefined when unknown. */
  exitCode?: number | null;
}

export type NvidiaSmiResult = { gpus: GpuReading[] } | { unavailable: string };

/** The driver's own failure messages: the pod is up but its GPUs cannot be read. */
const DRIVER_FAILURES = [
  /NVIDIA-SMI has failed/i,
  /couldn't communicate with the NVIDIA driver/i,
  /Failed to initialize NVML/i,
  /No devices were found/i,
  /Unable to determine the device handle/i,
  /GPU is lost/i,
];
const NOT_INSTALLED = /nvidia-smi: (command )?not found|nvidia-smi.*is not recognized/i;

/** Markers nvidia-smi prints for a field the GPU does not report. */
const NOT_REPORTED = new Set(['[N/A]', 'N/A', '[Not Supported]', '[Unknown Error]']);

export function readNvidiaSmi(run: NvidiaSmiRun): NvidiaSmiResult {
  const stdout = run.stdout ?? '';
  const stderr = run.stderr ?? '';
  const both = `${stderr}\n${stdout}`.slice(0, MAX_OUTPUT_LENGTH * 2);
  if (run.exitCode === 127 || NOT_INSTALLED.test(both)) {
    return { unavailable: 'nvidia-smi is not installed on the pod' };
  }
  const driverLine = firstLineMatching(both, DRIVER_FAILURES);
  if (driverLine !== undefined)
    return { unavailable: `the GPU driver is not answering (nvidia-smi: ${quote(driverLine)})` };
  if (typeof run.exitCode === 'number' && run.exitCode !== 0) {
    const said = firstLine(stderr) ?? firstLine(stdout);
    return { unavailable: `nvidia-smi failed (exit status ${run.exitCode})${said ? `: ${quote(said)}` : ''}` };
  }
  return parseNvidiaSmiCsv(stdout);
}

/** The CSV part alone: one line per GPU, exactly the fields of NVIDIA_SMI_FIELDS. */
export function parseNvidiaSmiCsv(output: string): NvidiaSmiResult {
  if (output.length > MAX_OUTPUT_LENGTH) {
    return { unavailable: `nvidia-smi printed more than ${MAX_OUTPUT_LENGTH} characters; that is not a GPU list` };
  }
  const lines = output.split(/\r?\n/).map((line, i) => ({ line: line.trim(), number: i + 1 }));
  const filled = lines.filter((l) => l.line !== '');
  if (filled.length === 0) return { unavailable: 'nvidia-smi listed no GPU' };
  if (filled.length > MAX_GPU_LINES) {
    return { unavailable: `nvidia-smi listed ${filled.length} lines, more than the ${MAX_GPU_LINES} GPUs we accept` };
  }
  const gpus: GpuReading[] = [];
  for (const { line, number } of filled) {
    const gpu = parseLine(line);
    if ('problem' in gpu)
      return { unavailable: `cannot read nvidia-smi line ${number} (${gpu.problem}): ${quote(line)}` };
    if (gpus.some((g) => g.index === gpu.index)) {
      return { unavailable: `cannot read nvidia-smi line ${number} (GPU ${gpu.index} listed twice): ${quote(line)}` };
    }
    gpus.push(gpu);
  }
  return { gpus: gpus.sort((a, b) => a.index - b.index) };
}

function parseLine(line: string): GpuReading | { problem: string } {
  if (line.length > MAX_LINE_LENGTH) return { problem: `longer than ${MAX_LINE_LENGTH} characters` };
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length !== NVIDIA_SMI_FIELDS.length) {
    return { problem: `${fields.length} fields, expected ${NVIDIA_SMI_FIELDS.length}` };
  }
  const [indexText, nameText, utilText, usedText, totalText] = fields;
  if (!/^\d{1,3}$/.test(indexText)) return { problem: 'the GPU index is not a number' };
  const utilisation = number(utilText, 'utilisation', 100);
  if (typeof utilisation === 'object') return utilisation;
  const used = number(usedText, 'memory used', MAX_MEMORY_MIB);
  if (typeof used === 'object') return used;
  const total = number(totalText, 'memory total', MAX_MEMORY_MIB);
  if (typeof total === 'object') return total;
  const name = NOT_REPORTED.has(nameText) ? '' : displayText(nameText, { maxLength: 64 });
  return {
    index: Number(indexText),
    ...(name && { name }),
    ...(utilisation !== undefined && { utilisationPercent: utilisation }),
    ...(used !== undefined && { memoryUsedMiB: used }),
    ...(total !== undefined && { memoryTotalMiB: total }),
  };
}

/** A figure, undefined when the GPU does not report it, or the reason it is refused. */
function number(text: string, what: string, max: number): number | undefined | { problem: string } {
  if (NOT_REPORTED.has(text)) return undefined;
  if (/^-\d/.test(text)) return { problem: `${what} is negative` };
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(text)) return { problem: `${what} is not a number` };
  const value = Number(text);
  if (value > max) return { problem: `${what} is over ${max}` };
  return value;
}

function firstLineMatching(text: string, patterns: readonly RegExp[]): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => patterns.some((p) => p.test(l)));
}

function firstLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
}

/** Pod text quoted in a reason: one cleaned line, cut short. The tooltip still escapes it as Markdown. */
function quote(text: string): string {
  return `"${displayText(text.slice(0, QUOTE_LENGTH * 4), { maxLength: QUOTE_LENGTH })}"`;
}
