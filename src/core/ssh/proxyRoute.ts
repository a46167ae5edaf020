import type { Platform } from '../platform/platform';
import type { ProcessRunner, SshFs } from './io';
import { expandGlob, fileKey, includePath, scanConfigText } from './userHosts';
import { checkAlias } from './validate';

/**
 * Our own SSH client connects straight to a pod. Where the user's ssh config sends our host through a proxy
 * (ProxyJump or ProxyCommand: a bastion, a corporate tunnel), it steps aside for that pod and Remote-SSH,
 * which runs the system ssh, still goes that way. Asking `ssh -G` starts a process, so it is asked only when
 * the user's config (or a file it includes) has a Proxy line at all, and once per alias per window.
 */

const PROXY_LINE = /^\s*proxy(jump|command)\b/im;
const MAX_FILES = 64;

/**
 * Whether the config or any file it includes (recursively, ssh's depth of 16) has a ProxyJump/ProxyCommand
 * line; Includes resolved as the platform's ssh does (`~`, relative to the ssh folder, Windows backslashes).
 */
export async function configMentionsProxy(configPath: string, o: { fs: SshFs; platform: Platform }): Promise<boolean> {
  const seen = new Set<string>();
  const visit = async (file: string, level: number): Promise<boolean> => {
    const key = fileKey(o.platform, file);
    if (level > 16 || seen.has(key) || seen.size >= MAX_FILES) return false;
    seen.add(key);
    const text = await o.fs.readFile(file).then(
      (b) => b.toString('utf8'),
      () => '',
    );
    if (PROXY_LINE.test(text)) return true;
    for (const arg of scanConfigText(text, file).includes) {
      const path = includePath(o.platform, arg);
      if (!path) return true; // a file only ssh can find (`${…}`): let `ssh -G` tell
      for (const f of await expandGlob(o.fs, o.platform, path)) if (await visit(f, level + 1)) return true;
    }
    return false;
  };
  return visit(configPath, 0);
}

/** The proxy `ssh -G` resolved for a host, as `proxyjump …` or `proxycommand …`; undefined when there is none. */
export function proxyOf(sshG: string): string | undefined {
  const line = sshG
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => /^proxy(jump|command) /i.test(l) && !/ none$/i.test(l));
  return line?.split(' ')[0].toLowerCase();
}

/** The proxy directive the user's config applies to `alias` (`ssh -G -F <config> <alias>`), if any. */
export async function proxyFor(
  runner: ProcessRunner,
  ssh: string,
  userConfig: string,
  alias: string,
): Promise<string | undefined> {
  const r = await runner.run(ssh, ['-G', '-F', userConfig, '--', checkAlias(alias)], { timeoutMs: 15_000 });
  return r.code === 0 ? proxyOf(r.stdout) : undefined;
}
