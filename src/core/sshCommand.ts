import type { SshEndpoint } from './model';

/**
 * Reads the SSH command a cloud hands out ("ssh -p 30035 root@1.2.3.4", "ssh root@host -p 10022 -i key")
 * into host, port and user. The command is untrusted: we never run it, we only take three validated
 * values out of it, and anything we do not recognise makes us return undefined rather than guess.
 */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$|^\[?[0-9A-Fa-f:]+\]?$/;
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

export function isSafeHost(host: string): boolean {
  return host.length <= 253 && HOST.test(host);
}

export function isSafeUser(user: string): boolean {
  return USER.test(user);
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}

/** Options that take a value; any other option makes the command unrecognised. */
const OPTIONS_WITH_VALUE = new Set(['-p', '-i', '-l', '-o']);

export function parseSshCommand(command: string | undefined | null): SshEndpoint | undefined {
  if (!command) return undefined;
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'ssh') return undefined;
  let port = 22;
  let user: string | undefined;
  let target: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('-')) {
      const flag = w.slice(0, 2);
      if (OPTIONS_WITH_VALUE.has(flag)) {
        const value = w.length > 2 ? w.slice(2) : words[++i];
        if (value === undefined) return undefined;
        if (flag === '-p') port = Number(value);
        if (flag === '-l') user = value;
        continue;
      }
      // flags without a value (-t, -A, -v …) are harmless to skip
      if (/^-[A-Za-z]+$/.test(w)) continue;
      return undefined;
    }
    if (target !== undefined) return undefined; // a remote command follows: not a plain login line
    target = w;
  }
  if (!target) return undefined;
  const at = target.lastIndexOf('@');
  if (at >= 0) {
    user = target.slice(0, at);
    target = target.slice(at + 1);
  }
  user ??= 'root';
  if (!isSafeHost(target) || !isSafeUser(user) || !isValidPort(port)) return undefined;
  return { host: target.replace(/^\[|\]$/g, ''), port, user };
}
