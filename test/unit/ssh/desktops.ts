import { platformFor, type DesktopOs, type Platform } from '../../../src/core/platform/platform';
import { MemFs } from './helpers';

/**
 * The three desktops the SSH suites run as, on this one machine: a platform built with platformFor (its path
 * rules, home and environment) and an in-memory disk with that desktop's paths. `expect` holds what that
 * desktop's OpenSSH reads in our files, written out by hand rather than computed by the code under test.
 */
export interface Desktop {
  os: DesktopOs;
  /** "as Windows" etc., for test names. */
  label: string;
  platform: Platform;
  /** The user's ssh folder as the OS names it. */
  sshDir: string;
  fs(): MemFs;
  expect: {
    /** Our default host file, as the OS names it. */
    hostFile: string;
    /** The IdentityFile line of our entries for the default key. */
    identityLine: string;
    /** The UserKnownHostsFile line of our entries. */
    knownHostsLine: string;
    /** The Include line in the user's config. */
    includeLine: string;
  };
}

function desktop(
  os: DesktopOs,
  label: string,
  home: string,
  env: Record<string, string>,
  expect: Desktop['expect'],
  withOpenSsh: boolean,
): Desktop {
  const exe: string[] = withOpenSsh ? Object.values(OPENSSH[os]) : [];
  const platform = platformFor(os, { homeDir: home, env, isExecutable: async (p) => exe.includes(p) });
  return {
    os,
    label,
    platform,
    sshDir: platform.path.join(home, '.ssh'),
    fs: () => new MemFs(platform.path),
    expect,
  };
}

/** Where each desktop keeps OpenSSH (what findOpenSsh finds there). */
export const OPENSSH: Record<DesktopOs, { ssh: string; sshKeygen: string }> = {
  win32: {
    ssh: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
    sshKeygen: 'C:\\Windows\\System32\\OpenSSH\\ssh-keygen.exe',
  },
  darwin: { ssh: '/usr/bin/ssh', sshKeygen: '/usr/bin/ssh-keygen' },
  linux: { ssh: '/usr/bin/ssh', sshKeygen: '/usr/bin/ssh-keygen' },
};

/** Windows with Ann Lee's profile (a space in it), macOS and Linux, each with its system OpenSSH unless told. */
export function desktops(o: { withOpenSsh?: boolean } = {}): Desktop[] {
  const withOpenSsh = o.withOpenSsh !== false;
  return [
    desktop(
      'win32',
      'as Windows',
      'C:\\Users\\Ann Lee',
      { USERPROFILE: 'C:\\Users\\Ann Lee', WINDIR: 'C:\\Windows', PATH: 'C:\\Windows\\system32;C:\\Windows' },
      {
        hostFile: 'C:\\Users\\Ann Lee\\.ssh\\gpupods\\config',
        identityLine: 'IdentityFile "C:/Users/Ann Lee/.ssh/gpupods_ed25519"',
        knownHostsLine: 'UserKnownHostsFile "C:/Users/Ann Lee/.ssh/gpupods/known_hosts"',
        includeLine: 'Include "C:/Users/Ann Lee/.ssh/gpupods/config"',
      },
      withOpenSsh,
    ),
    desktop(
      'darwin',
      'as macOS',
      '/Users/ann',
      { PATH: '/usr/bin:/bin' },
      {
        hostFile: '/Users/ann/.ssh/gpupods/config',
        identityLine: 'IdentityFile /Users/ann/.ssh/gpupods_ed25519',
        knownHostsLine: 'UserKnownHostsFile /Users/ann/.ssh/gpupods/known_hosts',
        includeLine: 'Include "/Users/ann/.ssh/gpupods/config"',
      },
      withOpenSsh,
    ),
    desktop(
      'linux',
      'as Linux',
      '/home/ann',
      { PATH: '/usr/local/bin:/usr/bin:/bin' },
      {
        hostFile: '/home/ann/.ssh/gpupods/config',
        identityLine: 'IdentityFile /home/ann/.ssh/gpupods_ed25519',
        knownHostsLine: 'UserKnownHostsFile /home/ann/.ssh/gpupods/known_hosts',
        includeLine: 'Include "/home/ann/.ssh/gpupods/config"',
      },
      withOpenSsh,
    ),
  ];
}
