/**
 * dist/ssh.js: GPU Pods' own SSH client (ssh2, pure JavaScript), loaded on the first background SSH work
 * (src/core/ssh/loadClient.ts), so activation does not carry it. Core modules it shares with dist/gpuPods.js
 * (errors, l10n) come from there at run time: one copy of every error class. ssh2's optional native add-ons
 * are left out of the bundle (scripts/build.mjs); ssh2 falls back to its JavaScript code.
 */
export { checkLogin, installPublicKey, INSTALL_KEY_SCRIPT } from './core/ssh/client/installKey';
export { connectSsh } from './core/ssh/client/connect';
export { SshPool } from './core/ssh/client/pool';
export { fingerprint, forgetHostKeys, replaceHostKey } from './core/ssh/client/knownHosts';
export { isSshClientError } from './core/ssh/client/errors';
