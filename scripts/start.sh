#!/usr/bin/env bash
# `npm start`: try the extension by hand in a real VS Code against the local cloud simulator, no account needed.
# Does the same set-up as `npm test` (scripts/setup.sh), builds, then runs scripts/start.mjs, which starts the
# simulator (127.0.0.1:4780) and VS Code — code-server in your browser (default, 127.0.0.1:4781), or your
# desktop VS Code with GPU_PODS_EDITOR=code. Ports: GPU_PODS_SIM_PORT, GPU_PODS_PORT. Ctrl-C stops everything.
# SSH: GPU Pods' SSH settings (and remote.SSH.configFile) point at .vscode-test/start/ssh, so trying it never
# writes your ~/.ssh; GPU_PODS_REAL_SSH=1 lets it use your real ~/.ssh (config Include, host file, key).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GPU_PODS_ROOT="$ROOT"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh"
if [ "${GPU_PODS_EDITOR:-code-server}" = "code" ]; then
  setup_debian_packages || true
  setup_node_modules
else
  setup_all
fi
npm run --silent build
npm run --silent compile-tests # the simulator runs from out/test/simulator
exec node scripts/start.mjs
