#!/usr/bin/env bash
# `npm test`: every check, from a fresh clone, on one command (CI runs it through .ci/run with CI=true).
#   set-up (scripts/setup.sh; VS Code for the integration suites installs in the background meanwhile) → typecheck →
#   lint → build → unit tests (plain Node) → integration suite inside a real
#   VS Code (code-server + headless Chromium, test/integration/launch/runCodeServer.mjs) → the installed-artifact
#   suite: `npm run package` builds the .vsix a user installs, VS Code's installer installs it, and
#   test/installed/ drives the workbench with it (no staged copy).
# The last line is the sum over unit and integration tests: "N passed, N failed, N skipped".
# A stage that fails without test counts (set-up, typecheck, build, a crashed run) adds one failure.
# Env: SKIP_INTEGRATION=1 (unit tests only), GPU_PODS_IT_GREP=<pattern>, GPU_PODS_IT_VERBOSE=1,
#      GPU_PODS_REAL_SSH=1 (the extension under test may use your real ~/.ssh; by default its SSH settings
#      point at a throw-away folder).
# ~/.ssh is checked: every file's hash (or "absent") before and after the run must be the same; a change
# counts as one failure (reported only, not counted, with GPU_PODS_REAL_SSH=1).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GPU_PODS_ROOT="$ROOT"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh"
set +e # setup.sh turns errexit on; stages here report their own failures

ARTIFACTS="$ROOT/test-artifacts"
mkdir -p "$ARTIFACTS"
PASSED=0 FAILED=0 SKIPPED=0
TIMINGS=()
RUN_START=$SECONDS

# ~/.ssh as $HOME and as ssh itself (the password database) find it: each entry's type, mode and content hash.
ssh_dirs() { { echo "$HOME/.ssh"; getent passwd "$(id -u)" | cut -d: -f6 | sed 's|$|/.ssh|'; } | sort -u; }
ssh_state() {
  local d
  while IFS= read -r d; do
    if [ -e "$d" ] || [ -L "$d" ]; then
      (cd "$d" && find . -printf '%y %m %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) 2>&1 | sed "s|^|$d: |"
    else
      echo "$d: absent"
    fi
  done < <(ssh_dirs)
}
SSH_BEFORE="$(ssh_state)"

# add_results <label>: adds what the launcher wrote to test-artifacts/<label>-results.json; none is one failure.
add_results() {
  local p=0 f=1 k=0
  if [ -f "$ARTIFACTS/$1-results.json" ]; then
    read -r p f k < <(node -e "const r=require('$ARTIFACTS/$1-results.json');console.log(r.passed,r.failed,r.skipped)")
  fi
  echo "$1: $p passed, $f failed, $k skipped"
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + k))
}
banner() { printf '\n==== %s ====\n' "$*"; }
record() { # record <name> <start SECONDS> <status>
  TIMINGS+=("$(printf '%-12s %4d s  %s' "$1" $((SECONDS - $2)) "$([ "$3" -eq 0 ] && echo ok || echo FAILED)")")
}
timed() { # timed <name> <command...>: runs it, records its duration, returns its status
  local name=$1 t0=$SECONDS rc
  shift
  "$@"
  rc=$?
  record "$name" "$t0" "$rc"
  return $rc
}
finish() {
  local ssh_after
  ssh_after="$(ssh_state)"
  if [ "$ssh_after" != "$SSH_BEFORE" ]; then
    echo "~/.ssh CHANGED during the run:"
    diff <(echo "$SSH_BEFORE") <(echo "$ssh_after") | sed 's/^/  /'
    if [ "${GPU_PODS_REAL_SSH:-}" = "1" ]; then
      echo "(GPU_PODS_REAL_SSH=1: reported, not counted)"
    else
      echo "(counted as 1 failure: no test may write the real ~/.ssh)"
      FAILED=$((FAILED + 1))
    fi
  else
    echo "~/.ssh unchanged ($(echo "$SSH_BEFORE" | grep -c ': absent$') absent, $(echo "$SSH_BEFORE" | grep -vc ': absent$') entries and hashes the same)"
  fi
  banner "summary"
  printf '%s\n' "${TIMINGS[@]}"
  printf 'total        %4d s\n' $((SECONDS - RUN_START))
  echo "screenshots and logs: test-artifacts/"
  if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else
    echo "$PASSED passed, $FAILED failed"
  fi
  [ "$FAILED" -eq 0 ]
  exit $?
}

banner "set-up"
if ! timed setup setup_first; then
  echo "set-up failed: see the [setup] lines above"
  FAILED=$((FAILED + 1))
  finish
fi
# VS Code for the integration suites (Node 24 and code-server, about two minutes on a fresh clone) installs in
# the background while the type check, lint and unit tests run; the integration stage waits for it.
VSCODE_SETUP_LOG="$ARTIFACTS/setup-vscode.log"
VSCODE_SETUP_T0=$SECONDS
if [ "${SKIP_INTEGRATION:-}" != "1" ]; then
  (setup_vscode) >"$VSCODE_SETUP_LOG" 2>&1 &
  VSCODE_SETUP_PID=$!
  echo "[setup] Node 24 and code-server: installing in the background (log: test-artifacts/setup-vscode.log)"
fi

banner "typecheck (tsc)"
if ! timed typecheck npm run --silent typecheck; then
  echo "typecheck FAILED (counted as 1 failure)"
  FAILED=$((FAILED + 1))
fi

banner "lint (ESLint, Prettier, knip)"
if ! timed lint npm run --silent lint; then
  echo "lint FAILED (counted as 1 failure): npm run format fixes most of it"
  FAILED=$((FAILED + 1))
fi

banner "build (esbuild → dist/extension.js)"
BUILD_OK=1
if ! timed build npm run --silent build; then
  echo "build FAILED (counted as 1 failure; the integration suite needs the bundle and is skipped)"
  FAILED=$((FAILED + 1))
  BUILD_OK=0
fi

banner "unit tests (mocha, Node $(node --version))"
UNIT_LOG="$ARTIFACTS/unit.log"
UNIT_T0=$SECONDS
npm run --silent test:unit 2>&1 | tee "$UNIT_LOG"
UNIT_RC=${PIPESTATUS[0]}
# Mocha's spec reporter ends with "N passing", "N failing", "N pending".
count() { grep -Eo "^ *[0-9]+ $1" "$UNIT_LOG" | tail -1 | grep -Eo '[0-9]+' || echo 0; }
U_PASS=$(count passing) U_FAIL=$(count failing) U_SKIP=$(count pending)
if grep -q 'No test files found' "$UNIT_LOG"; then
  echo "unit: no test files under out/test/unit (nothing to run)"
  UNIT_RC=0
elif [ "$UNIT_RC" -ne 0 ] && [ "$U_FAIL" -eq 0 ]; then
  U_FAIL=1 # compile error or crash before mocha could count
fi
record unit "$UNIT_T0" "$UNIT_RC"
echo "unit: $U_PASS passed, $U_FAIL failed, $U_SKIP skipped"
PASSED=$((PASSED + U_PASS)) FAILED=$((FAILED + U_FAIL)) SKIPPED=$((SKIPPED + U_SKIP))

if [ "${SKIP_INTEGRATION:-}" = "1" ]; then
  echo "integration: skipped (SKIP_INTEGRATION=1)"
elif ! wait "$VSCODE_SETUP_PID"; then
  record setup-vscode "$VSCODE_SETUP_T0" 1
  sed 's/^/  /' "$VSCODE_SETUP_LOG"
  echo "set-up of VS Code for the integration suites FAILED (counted as 1 failure; the suites are skipped)"
  FAILED=$((FAILED + 1))
elif [ "$BUILD_OK" -eq 1 ]; then
  record setup-vscode "$VSCODE_SETUP_T0" 0
  cat "$VSCODE_SETUP_LOG"
  banner "integration tests (VS Code $(node -p "require('$CODE_SERVER_DIR/node_modules/code-server/lib/vscode/package.json').version" 2>/dev/null || echo '?') in code-server + headless Chromium)"
  rm -f "$ARTIFACTS/integration-results.json"
  timed integration node test/integration/launch/runCodeServer.mjs --tests out/test/integration/index.js --label integration
  add_results integration

  # Last: `npm run package` rebuilds dist/ as the production bundle the .vsix carries.
  banner "installed-artifact suite (npm run package → code-server --install-extension → the real workbench)"
  rm -f "$ARTIFACTS/installed-results.json"
  VSIX="$(node -p "const p=require('./package.json');p.name+'-'+p.version+'.vsix'")"
  rm -f "$VSIX"
  if timed package npm run --silent package; then
    timed installed node test/integration/launch/runCodeServer.mjs --install "$VSIX" --tests out/test/installed/index.js --label installed
  else
    echo "npm run package FAILED: the .vsix users install cannot be built"
  fi
  add_results installed
fi

finish
