import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Answers, CreateContext } from '../../core/createForm';
import type { SuggestedAnswers } from '../../core/podPrefill';
import { CancelledError } from '../../core/errors';
import type { Pod } from '../../core/model';
import type { Provider } from '../../core/provider';
import { deleteWhenStoppedAllowed } from '../../core/stoppedRule';
import { CLOUDS } from '../../providers/clouds';
import type { Account } from '../../services/accounts';
import { SavedImages } from '../../services/savedImages';
import { settings } from '../../services/settings';
import { pickAccount } from '../pickTarget';
import { reportError } from '../runCommand';
import { createThroughWizard } from '../createWithUser';
import { envSecretValue } from './envSecretValue';
import type { Services } from '../services';
import { waitWithProgress } from '../waitWithProgress';
import { displayText } from '../../core/displayText';
import { walkthroughStepDone } from '../walkthroughSteps';
import type { IdleRule } from '../../core/utilisation/idleRule';
import { saveAnswersToWorkspace } from '../spec/saveAnswersToWorkspace';

/**
 * The create wizard, then exactly one create request. If the cloud documents that nothing was done, its
 * reason is shown and the wizard can reopen on the same answers; any other failure is settled by looking the
 * pod up by name first (createWithUser) — a duplicate pod costs money.
 */
export interface CreatePodOptions {
  /** Answers chosen before the wizard (an offer from the cross-cloud picker); see WizardOptions.prefilled. */
  prefilled?: Answers;
  /** Back on the wizard's first step throws BackToCaller (the picker shows its offers again). */
  backToCaller?: boolean;
  /** Create Pod Like This…: the pod copied (its name, for the title) and the answers its settings give. */
  like?: { name: string; suggested: SuggestedAnswers };
  /**
   * Create Pod from Workspace Spec: the spec's answers, each step taken without asking while the cloud still
   * offers it (the others take their defaults), so the wizard opens on its summary; the idle rule it asks for.
   */
  spec?: { answers: Answers; idleRule?: IdleRule };
}

export async function createPod(
  services: Services,
  arg?: unknown,
  options: CreatePodOptions = {},
): Promise<Pod | undefined> {
  const account = await pickAccount(services, arg);
  const provider = await services.providers.get(account);
  const cloud = CLOUDS[account.cloud].displayName;
  const ctx: CreateContext = {
    jupyterPassword: randomBytes(18).toString('base64url'),
    // Clouds that take the public key at create time (Yotta, NeevCloud) get ours.
    sshPublicKey: provider.facts.sshAuth === 'createKey' ? await publicKeyIfWanted(services) : undefined,
    secretValue: envSecretValue(services, account),
  };
  const form = () => provider.createForm({ savedImages: new SavedImages(services.context.globalState).of(account.id) });
  const pod = await createThroughWizard(services, {
    form,
    ctx,
    wizard: {
      title: options.like
        ? vscode.l10n.t('Create pod on {0} like "{1}"', cloud, displayText(options.like.name))
        : options.spec
          ? vscode.l10n.t('Create pod on {0} from the workspace spec', cloud)
          : vscode.l10n.t('Create pod on {0}', cloud),
      prefilled: options.spec?.answers ?? options.prefilled,
      prefilledComplete: !!options.spec,
      saveAnswers: saveAnswersToWorkspace(services, account, form),
      suggested: options.like?.suggested,
      backToCaller: options.backToCaller,
      confirmLabel: vscode.l10n.t('Create pod'),
      envVault: services.env.forAccount(account.id),
    },
    accountId: account.id,
    cloud,
    noun: vscode.l10n.t('pod'),
    progress: vscode.l10n.t('Creating pod on {0}…', cloud),
    findByName: (name) => provider.findPodsByName(name),
    known: new Set(services.data.snapshot(account.id)?.pods.map((p) => p.id)),
  });
  await services.podSecrets.setJupyterPassword(account.cloud, pod.id, ctx.jupyterPassword);
  // The price the summary quoted, for a cloud whose list gives none (GPUGeek): the pod shows and counts it.
  if (pod.quotedPrice) await services.priceQuotes.remember(account.id, pod.id, pod.quotedPrice);
  services.data.upsertPod(account.id, pod);
  void walkthroughStepDone(services.workbench, 'create');
  await services.idleGuard.applyNewPodDefaults(account, pod);
  // The spec's idle rule, else the default one, only where the cloud can stop a pod: an idle rule never deletes one.
  const idleRule = options.spec?.idleRule ?? (settings.idleAutoStopNewPods() ? settings.idleRuleDefaults() : undefined);
  if (idleRule && provider.podActions.has('stop'))
    await services.idleRules.set({ accountId: account.id, cloud: account.cloud, pod }, idleRule);
  // The default delete-when-stopped rule, only where a stopped pod exists (not where stopping is deleting).
  if (settings.stoppedDeleteHours() > 0 && deleteWhenStoppedAllowed(provider, pod))
    await services.stoppedRules.set(
      { accountId: account.id, cloud: account.cloud, pod },
      { afterHours: settings.stoppedDeleteHours() },
    );
  void services.data.refresh(account.id);
  void waitUntilRunning(services, account, provider, pod);
  return pod;
}

/**
 * The user's public key for a create, or undefined when they decline to create one: the wizard goes on, its
 * summary says there is no key, and a cloud that cannot work without one refuses before anything is sent.
 */
async function publicKeyIfWanted(services: Services): Promise<string | undefined> {
  try {
    return (await services.ssh.ensureKey(services.ui)).publicKey;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    services.log.info('Create: no SSH key (declined); the pod is created without one.');
    return undefined;
  }
}

async function waitUntilRunning(services: Services, account: Account, provider: Provider, pod: Pod): Promise<void> {
  try {
    const running = await waitWithProgress(
      services,
      account.id,
      vscode.l10n.t('Starting "{0}"', displayText(pod.name)),
      (signal) => provider.getPod(pod.id, signal),
      'running',
    );
    if (!running) return;
    const actions = [
      running.ssh ? vscode.l10n.t('Connect with Remote-SSH') : undefined,
      running.jupyter ? vscode.l10n.t('Open Jupyter') : undefined,
    ].filter((a): a is string => !!a);
    void services.workbench
      .showInfo(vscode.l10n.t('"{0}" is running.', displayText(running.name)), ...actions)
      .then((choice) => {
        const node = { type: 'pod', account, pod: running };
        if (choice === actions[0] && running.ssh)
          void services.workbench.executeCommand('gpuPods.connectRemoteSsh', node);
        else if (choice) void services.workbench.executeCommand('gpuPods.openJupyter', node);
      });
  } catch (error) {
    reportError(services, 'createPod (waiting)', error);
  } finally {
    void services.data.refresh(account.id);
  }
}
