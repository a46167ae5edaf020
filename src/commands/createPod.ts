import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Answers, CreateContext } from '../core/createForm';
import { CancelledError, CloudError, NetworkError, TimeoutError, UnexpectedResponseError } from '../core/errors';
import type { Pod } from '../core/model';
import type { Provider } from '../core/provider';
import { CLOUDS } from '../providers/clouds';
import type { Account } from '../services/accounts';
import { runWizard } from '../ui/wizard';
import { pickAccount } from './pickTarget';
import { reportError } from './runCommand';
import type { Services } from './services';
import { waitWithProgress } from './waitWithProgress';

/**
 * The create wizard, then exactly one create request. If the cloud refuses, its reason is shown and the
 * wizard reopens on the same answers; if the request's outcome is unknown (timeout, dropped connection),
 * we look the pod up by name instead of sending it again — a duplicate pod costs money.
 */
export interface CreatePodOptions {
  /** Answers chosen before the wizard (an offer from the cross-cloud picker); see WizardOptions.prefilled. */
  prefilled?: Answers;
}

export async function createPod(services: Services, arg?: unknown, options: CreatePodOptions = {}): Promise<Pod | undefined> {
  const account = await pickAccount(services, arg);
  const provider = await services.providers.get(account);
  const cloud = CLOUDS[account.cloud].displayName;
  const ctx: CreateContext = {
    jupyterPassword: randomBytes(18).toString('base64url'),
    // Clouds that take the public key at create time (NeevCloud) get ours.
    sshPublicKey: provider.capabilities.sshAuth === 'createKey' && services.ssh ? (await services.ssh.ensureKey(services.ui)).publicKey : undefined,
  };
  let previous: Answers | undefined;
  for (;;) {
    const form = provider.createForm();
    const answers = await runWizard(services.ui, form, ctx, {
      title: vscode.l10n.t('Create pod on {0}', cloud),
      previous,
      prefilled: options.prefilled,
      confirmLabel: vscode.l10n.t('Create pod'),
    });
    if (!answers) throw new CancelledError();
    previous = answers;
    let pod: Pod | undefined;
    try {
      pod = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating pod on {0}…', cloud) },
        () => createOnce(services, provider, answers, ctx),
      );
    } catch (error) {
      if (error instanceof CloudError || error instanceof UnexpectedResponseError) {
        reportError(services, 'createPod', error);
        const retry = vscode.l10n.t('Edit and Retry');
        const choice = await services.ui.pick({
          id: 'createFailed',
          title: vscode.l10n.t('{0} did not create the pod: {1}', cloud, error.message),
          items: [
            { label: `$(edit) ${retry}`, value: 'retry', detail: vscode.l10n.t('Reopen the wizard with your answers') },
            { label: `$(close) ${vscode.l10n.t('Cancel')}`, value: 'cancel' },
          ],
        });
        if (choice === 'retry') continue;
        throw new CancelledError();
      }
      throw error;
    }
    if (!pod) throw new CancelledError();
    await services.podSecrets.setJupyterPassword(account.cloud, pod.id, ctx.jupyterPassword);
    services.data.upsertPod(account.id, pod);
    await services.idleGuard?.applyNewPodDefaults(account, pod);
    void services.data.refresh(account.id);
    void waitUntilRunning(services, account, provider, pod);
    return pod;
  }
}

async function createOnce(services: Services, provider: Provider, answers: Answers, ctx: CreateContext): Promise<Pod | undefined> {
  const form = provider.createForm();
  try {
    return await form.create(answers, ctx);
  } catch (error) {
    // A lost, late or unreadable answer leaves the outcome unknown: the pod may exist. Look before any retry.
    if (!(error instanceof TimeoutError || error instanceof NetworkError || error instanceof UnexpectedResponseError)) throw error;
    const name = typeof answers.name === 'string' ? answers.name : undefined;
    services.log.warn(`Create: outcome unknown (${error.message}); looking for a pod named "${name}".`);
    const found = name ? await provider.findPodsByName(name) : [];
    const newest = found.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
    if (newest) return newest;
    throw new CloudError(
      vscode.l10n.t('The create request did not complete ({0}) and no pod named "{1}" exists, so nothing was created. Try again when the cloud answers.', error.message, name ?? '?'),
      'CREATE_UNKNOWN',
    );
  }
}

async function waitUntilRunning(services: Services, account: Account, provider: Provider, pod: Pod): Promise<void> {
  try {
    const running = await waitWithProgress(
      services,
      account.id,
      vscode.l10n.t('Starting "{0}"', pod.name),
      (signal) => provider.getPod(pod.id, signal),
      'running',
    );
    if (!running) return;
    const actions = [running.ssh ? vscode.l10n.t('Connect with Remote-SSH') : undefined, running.jupyter ? vscode.l10n.t('Open Jupyter') : undefined].filter(
      (a): a is string => !!a,
    );
    void services.workbench.showInfo(vscode.l10n.t('"{0}" is running.', running.name), ...actions).then((choice) => {
      const node = { type: 'pod', account, pod: running };
      if (choice === actions[0] && running.ssh) void vscode.commands.executeCommand('gpuPods.connectRemoteSsh', node);
      else if (choice) void vscode.commands.executeCommand('gpuPods.openJupyter', node);
    });
  } catch (error) {
    reportError(services, 'createPod (waiting)', error);
  } finally {
    void services.data.refresh(account.id);
  }
}
