import * as vscode from 'vscode';
import { validateBaseUrl } from '../core/baseUrl';
import type { CloudId } from '../core/model';
import { userScopeValue } from '../core/ssh/userScope';
import { DEFAULT_IDLE_RULE, type IdleRule, validateRule } from '../core/utilisation/idleRule';
import { baseUrlSetting, DEFAULT_POLL_SECONDS } from '../providers/cloudInfo';
import { CLOUDS } from '../providers/clouds';

/**
 * Typed reads of the extension's settings. Every name is declared in package.json; the per-cloud ones
 * (`gpuPods.<cloud>.*`) are the registry's (providers/cloudInfo.ts `cloudSettings`), checked by a unit test.
 */
export const settings = {
  /** Validated base URLs for a cloud: `{ base, inventory? }`. Throws ConfigError naming the setting. */
  baseUrls(cloud: CloudId): Record<string, string> {
    const config = vscode.workspace.getConfiguration('gpuPods');
    const out: Record<string, string> = {};
    for (const [name, fallback] of Object.entries(CLOUDS[cloud].baseUrls)) {
      const setting = `${cloud}.${baseUrlSetting(name)}`;
      out[name] = validateBaseUrl(config.get<string>(setting) || fallback, `gpuPods.${setting}`);
    }
    return out;
  },
  /** Cloud-wide settings handed to the provider as options (e.g. `gpuPods.yotta.apiVersion`). */
  cloudOptions(cloud: CloudId, names: string[]): Record<string, string> {
    const config = vscode.workspace.getConfiguration('gpuPods');
    const out: Record<string, string> = {};
    for (const name of names) {
      const value = config.get<string>(`${cloud}.${name}`);
      if (value) out[name] = value;
    }
    return out;
  },
  slowPollSeconds(cloud: CloudId): number {
    return clamp(
      vscode.workspace.getConfiguration('gpuPods').get<number>(`${cloud}.pollInterval`, DEFAULT_POLL_SECONDS),
      15,
      3600,
    );
  },
  fastPollSeconds(): number {
    return clamp(vscode.workspace.getConfiguration('gpuPods').get<number>('polling.fastInterval', 5), 2, 60);
  },
  sshConfigMode(): 'include' | 'manual' {
    return vscode.workspace.getConfiguration('gpuPods').get('ssh.configMode', 'include');
  },
  sshDirectory(): string {
    return vscode.workspace.getConfiguration('gpuPods').get<string>('ssh.directory', '');
  },
  sshIdentityFile(): string {
    return vscode.workspace.getConfiguration('gpuPods').get<string>('ssh.identityFile', '');
  },
  remoteOpenIn(): 'newWindow' | 'currentWindow' {
    return vscode.workspace.getConfiguration('gpuPods').get('remote.openIn', 'newWindow');
  },
  remoteFolder(): string {
    return vscode.workspace.getConfiguration('gpuPods').get<string>('remote.folder', '/root');
  },
  jupyterOpenIn(): 'browser' | 'simpleBrowser' {
    return vscode.workspace.getConfiguration('gpuPods').get('jupyter.openIn', 'browser');
  },
  /** Hours proposed by Stop After… / Remind Me After… (fractions allowed). */
  idleDefaultHours(): number {
    return clamp(vscode.workspace.getConfiguration('gpuPods').get<number>('idleGuard.defaultHours', 4), 0.001, 720);
  },
  /** Timers given to each pod created in GPU Pods; 0 = none. */
  idleNewPodHours(): { stop: number; remind: number } {
    const c = vscode.workspace.getConfiguration('gpuPods');
    const hours = (name: string) => {
      const n = c.get<number>(name, 0);
      return Number.isFinite(n) && n > 0 ? Math.min(n, 720) : 0;
    };
    return { stop: hours('idleGuard.stopAfterHours'), remind: hours('idleGuard.remindAfterHours') };
  },
  /** How long "about to stop" waits for an answer before stopping, in ms. */
  idleGraceMs(): number {
    return (
      clamp(vscode.workspace.getConfiguration('gpuPods').get<number>('idleGuard.graceMinutes', 10), 0, 1440) * 60_000
    );
  },
  /** "Stop when GPUs stay below X % for N minutes": the X and N proposed, and given to new pods. */
  idleRuleDefaults(): IdleRule {
    const c = vscode.workspace.getConfiguration('gpuPods');
    const read = validateRule({
      thresholdPercent: c.get<number>('idle.stopBelowPercent', DEFAULT_IDLE_RULE.thresholdPercent),
      forMinutes: c.get<number>('idle.stopAfterMinutes', DEFAULT_IDLE_RULE.forMinutes),
    });
    return 'rule' in read ? read.rule : { ...DEFAULT_IDLE_RULE };
  },
  /** Whether each pod created in GPU Pods gets the idle rule above (on clouds that can stop pods). */
  idleAutoStopNewPods(): boolean {
    return vscode.workspace.getConfiguration('gpuPods').get<boolean>('idle.autoStopNewPods', false) === true;
  },
  /** Hours of the delete-when-stopped rule each pod created in GPU Pods gets (0 = none); also what the command proposes. */
  stoppedDeleteHours(): number {
    const n = vscode.workspace.getConfiguration('gpuPods').get<number>('stoppedPods.deleteAfterHours', 0);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 720) : 0;
  },
  /** The user's ssh config: ours, else Remote-SSH's own setting (user scope only), else '' (~/.ssh/config). */
  userSshConfigFile(): string {
    return (
      vscode.workspace.getConfiguration('gpuPods').get<string>('ssh.configFile', '') ||
      String(userScopeValue(vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile')) ?? '')
    );
  },
  /** Remote-SSH's `remote.SSH.path` (user scope only, like its config file: a folder must not pick our ssh). */
  remoteSshPath(): string {
    return String(userScopeValue(vscode.workspace.getConfiguration('remote.SSH').inspect<string>('path')) ?? '');
  },
};

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}
