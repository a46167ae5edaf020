import { constants, promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';

/**
 * The one seam between GPU Pods' SSH code and the desktop it runs on: which OS, its path rules, the user's
 * home, the environment, and whether a file is there. Everything that depends on the desktop takes a Platform,
 * so the unit suite runs the same code as Windows, macOS and Linux on one machine (a platform built with
 * `platformFor`), and the extension hands in `nodePlatform()`.
 */

export type DesktopOs = 'win32' | 'darwin' | 'linux';

export interface Platform {
  readonly os: DesktopOs;
  /** `path.win32` on Windows, `path.posix` elsewhere: joins and splits as that OS does. */
  readonly path: nodePath.PlatformPath;
  readonly homeDir: string;
  /** The environment as the OS keeps it (names are case-insensitive on Windows: read them with `envVar`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when `path` is a file this process could start (on Windows: a file that exists). */
  isExecutable(path: string): Promise<boolean>;
}

/** An environment variable, looked up as the OS does (Windows ignores the case of names). */
export function envVar(platform: Pick<Platform, 'os' | 'env'>, name: string): string | undefined {
  if (platform.os !== 'win32') return platform.env[name];
  const upper = name.toUpperCase();
  const key = Object.keys(platform.env).find((k) => k.toUpperCase() === upper);
  return key === undefined ? undefined : platform.env[key];
}

/** Node's process.platform as one of the three desktops; other Unixes follow the Linux rules. */
export function desktopOs(platform: NodeJS.Platform): DesktopOs {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}

/** A platform from its parts: what the tests use to be Windows or macOS here. */
export function platformFor(
  os: DesktopOs,
  parts: {
    homeDir: string;
    env?: Readonly<Record<string, string | undefined>>;
    isExecutable?: (path: string) => Promise<boolean>;
  },
): Platform {
  return {
    os,
    path: os === 'win32' ? nodePath.win32 : nodePath.posix,
    homeDir: parts.homeDir,
    env: parts.env ?? {},
    isExecutable: parts.isExecutable ?? (async () => false),
  };
}

async function canRun(path: string, os: DesktopOs): Promise<boolean> {
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) return false;
    // Windows has no execute bit: a file with a runnable extension is enough
    if (os !== 'win32') await fsp.access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The desktop this process runs on. */
export function nodePlatform(): Platform {
  const os = desktopOs(process.platform);
  return platformFor(os, { homeDir: homedir(), env: process.env, isExecutable: (p) => canRun(p, os) });
}
