import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

const SETTINGS = ['ssh.directory', 'ssh.configFile', 'ssh.identityFile'] as const;

/** A throw-away ~/.ssh for a suite: the machine's own ssh config and keys are never touched. */
export interface SshSandbox {
  dir: string;
  /** The "user's" ssh config that gets the managed Include. */
  userConfig: string;
  /** GPU Pods' own host file. */
  hostFile: string;
  dispose(): Promise<void>;
}

export async function sshSandbox(userConfigText: string, mode = 0o600): Promise<SshSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'gpupods-it-ssh-'));
  const userConfig = join(dir, 'config');
  writeFileSync(userConfig, userConfigText, { mode });
  const config = vscode.workspace.getConfiguration('gpuPods');
  // the launcher's own sandbox values: put back afterwards (removing them would mean the real ~/.ssh)
  const previous = SETTINGS.map((k) => [k, config.inspect<string>(k)?.globalValue] as const);
  await config.update('ssh.directory', join(dir, 'gpupods'), vscode.ConfigurationTarget.Global);
  await config.update('ssh.configFile', userConfig, vscode.ConfigurationTarget.Global);
  await config.update('ssh.identityFile', join(dir, 'id_gpupods'), vscode.ConfigurationTarget.Global);
  return {
    dir,
    userConfig,
    hostFile: join(dir, 'gpupods', 'config'),
    async dispose() {
      const c = vscode.workspace.getConfiguration('gpuPods');
      for (const [k, v] of previous) await c.update(k, v, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `ssh -F <file> <alias> true` in batch mode: proves an entry logs in with no prompt at all. */
export function sshTrue(configFile: string, alias: string): { code: number | null; stderr: string } {
  const r = spawnSync('ssh', ['-F', configFile, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', alias, 'true'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stderr: r.stderr };
}
