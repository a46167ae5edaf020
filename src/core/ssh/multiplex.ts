/**
 * One persistent connection per pod for everything that runs over our own entries (Remote-SSH, the
 * utilisation sampler): ControlMaster/ControlPersist, as VS Code's Remote-SSH documentation recommends for
 * macOS and Linux ("Enabling alternate SSH authentication methods"). The socket lives in our own ssh
 * directory, named by `%C` (a 40-hex hash of local host, host, port and user), so no pod text reaches the path.
 */

/** How long an idle master stays up: longer than the sampling interval, short after the last use. */
export const CONTROL_PERSIST = '15m';

/**
 * A Unix socket path must fit `sun_path` (104 bytes on macOS, 108 on Linux), and ssh first binds a temporary
 * name 17 bytes longer before renaming it. Past this, ssh stops with a fatal error rather than falling back,
 * which would break every connection through the entry, so such a directory gets no multiplexing at all.
 */
const SOCKET_PATH_LIMIT = 104;
const TEMP_SUFFIX = 17;
const HASH_LENGTH = 40;
const PREFIX = 'cm-';

/**
 * The ControlPath for sockets in `directory`, or undefined when multiplexing must stay off: on Windows
 * (Win32-OpenSSH has no ControlMaster), for a path too long for a socket, or one with characters ssh would
 * expand or split (`%`, whitespace, quotes).
 */
export function controlPathFor(directory: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return undefined;
  if (!directory.startsWith('/') || /[%\s"'\\\u0000-\u001f\u007f]/.test(directory)) return undefined;
  const path = `${directory.replace(/\/+$/, '')}/${PREFIX}%C`;
  const expanded = Buffer.byteLength(path, 'utf8') - 2 + HASH_LENGTH + TEMP_SUFFIX;
  return expanded < SOCKET_PATH_LIMIT ? path : undefined;
}
