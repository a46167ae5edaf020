import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PodGpuState } from './gpu';

/**
 * The `nvidia-smi` that pods behind the real sshd find on their PATH (a POSIX sh + awk script, so every login
 * user can run it). It answers from `<dir>/pods/<port>`, the readings of the pod the SSH session came in for
 * (SSH_CONNECTION's last field is the server port; every pod has its own, realBackend.ts). What it mirrors of
 * NVIDIA's tool (nvidia-smi(1), "Return value" and --query-gpu/--format): `--query-gpu=<fields>` with
 * `--format=csv[,noheader][,nounits]`, values joined by ", ", "[N/A]" for what a GPU does not report, units
 * ("%", "MiB") unless nounits, a header "name [unit]" unless noheader; `-L`; an unknown field: `Field "x" is
 * not a valid field to query.` and exit 2; no driver: the "couldn't communicate with the NVIDIA driver"
 * message and exit 9; no GPUs: "No devices were found" and exit 6. An unreachable pod drops the session.
 */

const SCRIPT = String.raw`#!/bin/sh
# GPU Pods test simulator: nvidia-smi for simulated pods (not NVIDIA's tool). Readings: ../pods/<ssh port>.
root=$(cd "$(dirname "$0")/.." && pwd)
port=@{SSH_CONNECTION##* }
file="$root/pods/$port"
query=
format=
list=
while [ $# -gt 0 ]; do
  case "$1" in
    --query-gpu=*) query=@{1#--query-gpu=} ;;
    --query-gpu) shift; query=$1 ;;
    --format=*) format=@{1#--format=} ;;
    --format) shift; format=$1 ;;
    -L|--list-gpus) list=1 ;;
    *) echo "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help."; exit 2 ;;
  esac
  shift
done
if [ ! -f "$file" ]; then echo "No devices were found"; exit 6; fi
kind=$(head -n 1 "$file")
if [ "$kind" = unreachable ]; then
  # the pod's network is gone: the session ends as a dropped connection does (ssh: "closed by remote host")
  pid=$$
  while [ "$pid" -gt 1 ]; do
    comm=$(cat /proc/$pid/comm 2>/dev/null)
    case "$comm" in sshd*) kill -9 "$pid"; sleep 5; exit 255 ;; esac
    pid=$(awk '{print $4}' /proc/$pid/stat 2>/dev/null || echo 1)
  done
  exit 255
fi
if [ "$kind" = smi-fails ]; then
  echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
  echo
  exit 9
fi
if [ "$(wc -l < "$file")" -le 1 ]; then echo "No devices were found"; exit 6; fi
if [ -n "$list" ]; then
  awk -F '\t' 'NR > 1 { printf "GPU %s: %s (UUID: %s)\n", $1, $2, $3 }' "$file"
  exit 0
fi
if [ -z "$query" ]; then
  awk -F '\t' 'NR > 1 { printf "| %s  %-28s | %5s MiB / %5s MiB | %3s%% |\n", $1, $2, $5, $6, $4 }' "$file"
  exit 0
fi
awk -F '\t' -v query="$query" -v format="$format" '
BEGIN {
  col["index"] = 1; col["name"] = 2; col["gpu_name"] = 2; col["uuid"] = 3; col["gpu_uuid"] = 3
  col["utilization.gpu"] = 4; col["memory.used"] = 5; col["memory.total"] = 6; col["memory.free"] = -1
  col["count"] = -2
  unit["utilization.gpu"] = "%"; unit["memory.used"] = "MiB"; unit["memory.total"] = "MiB"; unit["memory.free"] = "MiB"
  n = split(query, q, ",")
  for (i = 1; i <= n; i++) {
    if (!(q[i] in col)) { printf "Field \"%s\" is not a valid field to query.\n\n", q[i]; bad = 1; exit 2 }
  }
  header = 1; units = 1; csv = 0
  m = split(format, f, ",")
  for (i = 1; i <= m; i++) {
    if (f[i] == "csv") csv = 1
    else if (f[i] == "noheader") header = 0
    else if (f[i] == "nounits") units = 0
    else { printf "\"%s\" is not a valid format option.\n\n", f[i]; bad = 1; exit 2 }
  }
  if (!csv) { print "Invalid combination of input arguments. Please run '"'"'nvidia-smi -h'"'"' for help."; bad = 1; exit 2 }
}
NR == 1 { next }
{ rows[++count] = $0 }
END {
  if (bad) exit 2
  if (header) {
    line = ""
    for (i = 1; i <= n; i++) line = line (i > 1 ? ", " : "") q[i] (q[i] in unit ? " [" unit[q[i]] "]" : "")
    print line
  }
  for (r = 1; r <= count; r++) {
    split(rows[r], v, "\t")
    line = ""
    for (i = 1; i <= n; i++) {
      c = col[q[i]]
      if (c == -2) val = count
      else if (c == -1) val = (v[5] == "null" || v[6] == "null") ? "null" : v[6] - v[5]
      else val = v[c]
      if (val == "null") val = "[N/A]"
      else if (units && (q[i] in unit)) val = val " " unit[q[i]]
      line = line (i > 1 ? ", " : "") val
    }
    print line
  }
}' "$file"
`.replaceAll('@{', '${'); // String.raw keeps a backslash before "${": the shell's ${ is spelt @{ above

/** Writes the script as `<dir>/bin/nvidia-smi` (world-readable: the password user runs it too). */
export function installNvidiaSmi(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(join(dir, 'pods'), { recursive: true, mode: 0o755 });
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  writeFileSync(join(bin, 'nvidia-smi'), SCRIPT, { mode: 0o755 });
  return bin;
}

/** The pod file the script reads: the state's kind, then one tab-separated line per GPU. */
export function podFile(podId: string, state: PodGpuState): string {
  const cell = (v: number | null) => (v === null ? 'null' : String(Math.round(v)));
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  const lines = state.gpus.map((g, i) => {
    const uuid = `GPU-${createHash('sha256').update(`${podId}/${i}`).digest('hex').slice(0, 32)}`;
    const u = `${uuid.slice(0, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 24)}-${uuid.slice(24)}`;
    return [i, clean(g.name), u, cell(g.utilizationPct), cell(g.memoryUsedMiB), cell(g.memoryTotalMiB)].join('\t');
  });
  return [state.kind, ...lines].join('\n') + '\n';
}

/** Atomically: a query running meanwhile reads the old readings or the new, never half. */
export function writePodFile(dir: string, port: number, podId: string, state: PodGpuState | undefined): void {
  const file = join(dir, 'pods', String(port));
  if (!state) return rmSync(file, { force: true });
  writeFileSync(`${file}.tmp`, podFile(podId, state), { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}
