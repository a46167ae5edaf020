#!/usr/bin/env bash
# `npm run screenshots`: refreshes the README's pictures from the real workbench. The installed-artifact suite
# takes them from the .vsix a user installs (test-artifacts/installed-*.png); the utilisation tooltip still comes
# from the integration suite (a hover the installed suite cannot hold still yet). This copies the ones the README
# shows into media/screenshots/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${1:-}" != "--no-run" ]; then
  npm run --silent test:integration
  npm run --silent test:installed
fi
mkdir -p media/screenshots
copy() { # copy <artifact> <name in media/screenshots>
  if [ -f "test-artifacts/$1.png" ]; then cp "test-artifacts/$1.png" "media/screenshots/$2.png" && echo "media/screenshots/$2.png"; else echo "missing test-artifacts/$1.png" >&2; fi
}
copy installed-all-clouds all-clouds
copy installed-wizard-gpu wizard-gpu
copy installed-wizard-summary wizard-summary
copy installed-invalid-key invalid-key
copy installed-partial-failure partial-failure
copy installed-remote-indicator remote-indicator
copy utilisation-tooltip utilisation-tooltip
