import * as vscode from 'vscode';
import { remoteFolderUri, sshCommandLine, sshTerminalArgs, sshTerminalName } from '../../core/ssh/commands';
import { PodNotReachableError } from '../../core/ssh/errors';
import { settings } from '../../services/settings';
import { withHostKeyCheck } from './hostKeyChanged';
import { keyLoginOrHint } from './keyLoginHint';
import { walkthroughStepDone } from '../walkthroughSteps';
import { pickPod, type PodTarget } from '../pickTarget';
import { notificationProgress } from '../waitWithProgress';
import { pickConnectTarget } from './pickConnectTarget';
import { sshAnswers } from './sshAnswers';
import { startBeforeConnect } from './startBeforeConnect';
import type { Services } from '../services';
import { displayText } from '../../core/displayText';

/** Remote-SSH and its known forks (VSCodium's Open Remote - SSH, Cursor's, Windsurf's). */
export const REMOTE_SSH_EXTENSIONS = [
  'ms-vscode-remote.remote-ssh',
  'jeanp413.open-remote-ssh',
  'anysphere.remote-ssh',
  'codeium.windsurf-remote-openssh',
] as const;

const runningPod = (p: { status: string }) => p.status === 'running';

/** The pod or VM as its cloud sees it now (addresses change when a machine restarts). */
function freshMachine(target: PodTarget) {
  return target.pod.kind === 'vm' ? target.provider.vms?.get(target.pod.id) : target.provider.getPod(target.pod.id);
}

/** The pod fresh from its cloud (the list may lack SSH details), with its entry written and key installed. */
async function prepared(services: Services, arg: unknown, title: string) {
  const target = await pickPod(services, arg, runningPod, title, undefined, 'machines');
  return { target, ...(await preparedRunning(services, target)) };
}

async function preparedRunning(services: Services, target: PodTarget) {
  const ssh = services.ssh;
  const { entry, keyNotInstalled, password } = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Preparing SSH for "{0}"…', displayText(target.pod.name)),
    },
    async () => {
      const fresh = (await freshMachine(target)) ?? target.pod;
      if (fresh.status !== 'running' || !fresh.ssh) {
        throw new PodNotReachableError(
          vscode.l10n.t('"{0}" is not reachable over SSH yet; try again when it has started.', displayText(fresh.name)),
        );
      }
      const host = await withHostKeyCheck(services, () =>
        ssh.prepare(fresh, target.provider.facts, services.ui, target.account),
      );
      return { ...host, password: fresh.ssh.password };
    },
  );
  if (keyNotInstalled) tellPasswordPrompt(services, target.pod.name, entry.alias, keyNotInstalled.proxy, password);
  return { entry, ssh };
}

/**
 * Connect and Open SSH Terminal: a running machine as above; a stopped pod its cloud can start is started first,
 * after the user confirmed, and followed until SSH answers (startBeforeConnect).
 */
async function preparedToConnect(
  services: Services,
  arg: unknown,
  intent: 'connect' | 'terminal',
  title: string,
  emptyMessage?: string,
) {
  const target = await pickConnectTarget(services, arg, intent, title, emptyMessage);
  if (target.pod.status !== 'stopped')
    return { target, ...(await preparedRunning(services, target)), keyLoggedIn: false };
  const started = await startBeforeConnect(
    services,
    target,
    intent,
    (pod) => sshAnswers(services, { ...target, pod }, pod),
    notificationProgress,
  );
  const { keyNotInstalled } = started.answer;
  if (keyNotInstalled)
    tellPasswordPrompt(
      services,
      started.pod.name,
      started.answer.entry.alias,
      keyNotInstalled.proxy,
      started.pod.ssh?.password,
    );
  return {
    target: { ...target, pod: started.pod },
    entry: started.answer.entry,
    ssh: services.ssh,
    keyLoggedIn: started.answer.keyLoggedIn,
  };
}

/**
 * A password pod the user's ssh config sends through a proxy: GPU Pods' own client did not connect, so its key
 * is not on the pod and ssh will ask for the password. Not awaited: the connection goes on meanwhile.
 */
function tellPasswordPrompt(services: Services, podName: string, alias: string, proxy: string, password?: string) {
  const copy = vscode.l10n.t('Copy Password');
  void services.workbench
    .showWarning(
      vscode.l10n.t(
        'Your SSH config sends {0} through {1}, so GPU Pods did not install its key on "{2}": Remote-SSH will ask for the pod\'s password.',
        alias,
        proxy,
        displayText(podName),
      ),
      ...(password ? [copy] : []),
    )
    .then((choice) => {
      if (choice === copy && password) void services.workbench.copy(password);
    });
}

export async function connect(services: Services, arg: unknown, newWindow: boolean, emptyMessage?: string) {
  const title = vscode.l10n.t('Connect to which pod?');
  const { target, entry, ssh, keyLoggedIn } = await preparedToConnect(services, arg, 'connect', title, emptyMessage);
  // A pod just started has had its key login checked while GPU Pods waited for SSH.
  if (!keyLoggedIn && !(await keyLoginOrHint(services, target.pod, target.provider.facts, entry))) return;
  if (settings.sshConfigMode() === 'manual') {
    const status = await ssh.includeStatus();
    if (!status.present) await offerIncludeLine(services, status.line, true);
  }
  const installed = services.workbench.installedExtension(REMOTE_SSH_EXTENSIONS);
  if (!installed) {
    const install = vscode.l10n.t('Install Remote - SSH');
    const terminal = vscode.l10n.t('Open SSH Terminal');
    const choice = await services.workbench.showInfo(
      vscode.l10n.t(
        'Opening a remote window needs the Remote - SSH extension. The host entry "{0}" is ready.',
        entry.alias,
      ),
      install,
      terminal,
    );
    if (choice === install) await services.workbench.installExtension(REMOTE_SSH_EXTENSIONS[0]);
    if (choice === terminal) await openTerminal(services, target, entry.alias);
    return;
  }
  const uri = vscode.Uri.parse(remoteFolderUri(entry.alias, settings.remoteFolder()), true);
  services.log.info(`Opening ${uri.toString(true)} with ${installed}.`);
  await services.workbench.openFolder(uri, newWindow);
  void walkthroughStepDone(services.workbench, 'ssh');
}

async function openTerminal(services: Services, target: PodTarget, alias: string): Promise<vscode.Terminal> {
  // the ssh this desktop has (remote.SSH.path, PATH, System32\OpenSSH), or an error that says how to get one
  const { ssh } = await services.ssh.openSsh();
  const [shellPath, ...shellArgs] = sshTerminalArgs(services.ssh.hostFile, alias, ssh);
  // ssh is started directly (no shell), so no value can be read as shell syntax.
  const terminal = vscode.window.createTerminal({
    name: sshTerminalName(target.pod.name || target.pod.id),
    shellPath,
    shellArgs,
    iconPath: new vscode.ThemeIcon('remote'),
  });
  terminal.show();
  return terminal;
}

async function offerIncludeLine(services: Services, line: string, beforeConnect: boolean): Promise<void> {
  const copy = vscode.l10n.t('Copy Line');
  const message = beforeConnect
    ? vscode.l10n.t(
        'Your SSH config does not include the GPU Pods entries yet, so Remote-SSH will not find the pod. Add this line before the first Host line: {0}',
        line,
      )
    : vscode.l10n.t('Add this line to your SSH config, before the first Host line: {0}', line);
  const choice = await services.workbench.showInfo(message, copy);
  if (choice === copy) await services.workbench.copy(line);
}

export const sshCommands = {
  'gpuPods.connectRemoteSsh': (services: Services, arg?: unknown) =>
    connect(services, arg, settings.remoteOpenIn() === 'newWindow'),
  'gpuPods.connectRemoteSshCurrentWindow': (services: Services, arg?: unknown) => connect(services, arg, false),
  'gpuPods.openSshTerminal': async (services: Services, arg?: unknown) => {
    const title = vscode.l10n.t('Open a terminal on which pod?');
    const { target, entry } = await preparedToConnect(services, arg, 'terminal', title);
    return openTerminal(services, target, entry.alias);
  },
  'gpuPods.copySshCommand': async (services: Services, arg?: unknown) => {
    const { target, entry, ssh } = await prepared(services, arg, vscode.l10n.t('Copy the SSH command of which pod?'));
    await services.workbench.copy(sshCommandLine(ssh.hostFile, entry.alias));
    // The clipboard changes silently: say what is in it now.
    void services.workbench.showInfo(
      vscode.l10n.t('SSH command for "{0}" copied.', displayText(target.pod.name || target.pod.id)),
    );
  },
  'gpuPods.removeStaleSshEntries': async (services: Services) => {
    // a refresh already prunes what it can judge: count what is gone from the file since the command began
    const before = await services.ssh.entries();
    await Promise.all(services.accounts.list().map((a) => services.data.refresh(a.id)));
    await services.ssh.removeStale();
    const left = new Set((await services.ssh.entries()).map((e) => `${e.cloud}:${e.podId}`));
    const removed = before.filter((e) => !left.has(`${e.cloud}:${e.podId}`));
    void services.workbench.showInfo(
      removed.length === 0
        ? vscode.l10n.t('No stale SSH entries.')
        : vscode.l10n.t('Removed {0} stale SSH entries: {1}', removed.length, removed.map((e) => e.alias).join(', ')),
    );
  },
  'gpuPods.showSshIncludeLine': async (services: Services) => {
    const status = await services.ssh.includeStatus();
    if (status.present)
      void services.workbench.showInfo(
        vscode.l10n.t('Your SSH config already includes the GPU Pods entries ({0}).', status.line),
      );
    else await offerIncludeLine(services, status.line, false);
  },
};
