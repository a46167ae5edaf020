#!/usr/bin/env bash
# `npm run screenshots`: refreshes the README's pictures from the real workbench. The integration suite
# takes them (test-artifacts/*.png); this copies the ones the README shows into media/screenshots/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${1:-}" != "--no-run" ]; then
  npm run --silent test:integration
fi
mkdir -p media/screenshots
copy() { # copy <artifact> <name in media/screenshots>
  if [ -f "test-artifacts/$1.png" ]; then cp "test-artifacts/$1.png" "media/screenshots/$2.png" && echo "media/screenshots/$2.png"; else echo "missing test-artifacts/$1.png" >&2; fi
}
copy spend-status-bar all-clouds
copy tree-yotta-running tree
copy tree-yotta-vms vms
copy wizard-yotta-gpu wizard-gpu
copy wizard-yotta-summary wizard-summary
copy foundation-one-account-failing invalid-key
copy tree-neevcloud neevcloud
copy partial-volumes-failing partial-failure
copy remote-indicator remote-indicator
copy utilisation-tooltip utilisation-tooltip
