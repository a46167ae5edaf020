import type { Platform } from '../platform/platform';
import { expandHome, gpuPodsSshDirectory, userSshConfig, userSshDirectory } from '../platform/sshLocations';

/**
 * The files GPU Pods' SSH side reads and writes, on the desktop it runs on (`%USERPROFILE%\.ssh\…` on
 * Windows, `~/.ssh/…` elsewhere), from the settings that move them. An empty setting means the default.
 */

export interface SshPathSettings {
  /** `gpuPods.ssh.directory`: our host file and known_hosts. */
  directory: string;
  /** `gpuPods.ssh.identityFile`: the key our entries name. */
  identityFile: string;
  /** `gpuPods.ssh.configFile`, else Remote-SSH's `remote.SSH.configFile` (user scope): gets our Include. */
  userConfigFile: string;
}

export interface SshPaths {
  directory: string;
  /** Our host file, pulled into the user's config by one Include. */
  hostFile: string;
  /** Our known_hosts: pods reuse addresses, the user's file must never see that. */
  knownHostsFile: string;
  /** The user's ssh config, which Remote-SSH reads. */
  userConfig: string;
  identityFile: string;
}

export function sshPaths(platform: Platform, settings: SshPathSettings): SshPaths {
  const directory = gpuPodsSshDirectory(platform, settings.directory);
  const identity = settings.identityFile.trim();
  return {
    directory,
    hostFile: platform.path.join(directory, 'config'),
    knownHostsFile: platform.path.join(directory, 'known_hosts'),
    userConfig: userSshConfig(platform, settings.userConfigFile),
    identityFile: identity
      ? expandHome(platform, identity)
      : platform.path.join(userSshDirectory(platform), 'gpupods_ed25519'),
  };
}
