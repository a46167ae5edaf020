import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { askNewCredential } from '../../core/formSteps/credentialStep';
import type { RegistryCredentialOps } from '../../core/registryCredentials';
import { followSaveJob, type ImageSaveOps, validateSaveTarget } from '../../core/savedImages';
import { CLOUDS } from '../../providers/clouds';
import { SavedImages } from '../../services/savedImages';
import { inputOne, pickOne } from '../../ui/pickOne';
import { inlineAsk } from '../../ui/wizard';
import { pickPod, type PodTarget } from '../pickTarget';
import type { Services } from '../services';

/** How long the progress follows a save: images of tens of GB take a while to push. */
export const SAVE_FOLLOW_MS = 60 * 60_000;

const NONE = Symbol('none');
const ADD = Symbol('add');

export interface SaveOutcome {
  image: string;
  jobId: string;
  /** done: the cloud said so; following: the user stopped following and the save carries on. */
  state: 'done' | 'following';
}

/** Save Image… on a pod whose cloud saves images (Novita): tree menu, or a pick of the pods where it can be done. */
export async function saveImage(services: Services, arg?: unknown): Promise<SaveOutcome> {
  const target = await pickPod(
    services,
    arg,
    (pod, caps) => caps.allowsImageSave(pod),
    vscode.l10n.t('Save which pod as an image?'),
    vscode.l10n.t('No pod can be saved as an image right now (Novita AI saves running or stopped instances).'),
  );
  return runImageSave(services, target);
}

/**
 * Asks where to push the image and with which credential, starts the cloud's save job, and follows it with
 * progress until it ends (on the injected clock). The image is remembered for the account's create wizard.
 */
export async function runImageSave(services: Services, target: PodTarget): Promise<SaveOutcome> {
  const { account, pod, provider } = target;
  const saves = provider.imageSaves;
  if (!saves) throw new CancelledError();
  const name = displayText(pod.name || pod.id);
  const title = vscode.l10n.t('Save "{0}" as an image', name);
  const image = (
    await inputOne(services.ui, {
      id: 'saveImageTarget',
      title,
      prompt: vscode.l10n.t('Where to push it: registry, repository and tag, e.g. registry.example.com/team/env:v1'),
      validate: validateSaveTarget,
    })
  ).trim();
  const credentialId = provider.credentials
    ? await pickPushCredential(services, provider.credentials, title)
    : undefined;
  const jobId = await saves.save(pod.id, image, credentialId);
  const store = new SavedImages(services.context.globalState);
  await store.add(account.id, {
    image,
    credentialId,
    jobId,
    podName: pod.name,
    savedAt: services.clock.now(),
    done: false,
  });
  const cloud = CLOUDS[account.cloud].displayName;
  const state = await follow(services, saves, jobId, title);
  if (state === 'done') {
    await store.markDone(account.id, jobId);
    void services.workbench.showInfo(
      vscode.l10n.t('Saved "{0}" as {1}; Create Pod on {2} offers it.', name, displayText(image), cloud),
    );
  } else {
    void services.workbench.showInfo(
      vscode.l10n.t(
        'Stopped following; the save of {0} carries on, and Create Pod offers it once it is done.',
        displayText(image),
      ),
    );
  }
  return { image, jobId, state };
}

async function follow(
  services: Services,
  saves: ImageSaveOps,
  jobId: string,
  title: string,
): Promise<SaveOutcome['state']> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        await followSaveJob(saves, jobId, {
          clock: services.clock,
          intervalMs: services.timing.waitIntervalMs,
          timeoutMs: SAVE_FOLLOW_MS,
          signal: abort.signal,
          onUpdate: (job) =>
            progress.report({
              message: job ? displayText(job.rawState) : vscode.l10n.t('waiting for the job to be listed…'),
            }),
        });
        return 'done';
      } catch (e) {
        if (e instanceof CancelledError) return 'following';
        throw e;
      }
    },
  );
}

/** The credential to push with: none (a public or Novita's own registry), one of the cloud's, or a new one. */
async function pickPushCredential(
  services: Services,
  ops: RegistryCredentialOps,
  title: string,
): Promise<string | undefined> {
  const choice = await pickOne<string | typeof NONE | typeof ADD>(services.ui, {
    id: 'saveImageCredential',
    title: vscode.l10n.t('{0}: {1}', title, vscode.l10n.t('Registry credential')),
    placeholder: vscode.l10n.t("The credential the registry takes; none for a public or the cloud's own registry"),
    items: ops.list().then((list) => [
      { label: vscode.l10n.t('None'), value: NONE as string | typeof NONE | typeof ADD, picked: true },
      ...list.map((c) => ({
        label: displayText(c.name),
        description: c.detail === undefined ? undefined : displayText(c.detail),
        value: c.id as string | typeof NONE | typeof ADD,
      })),
      { label: `$(add) ${vscode.l10n.t('Add credential…')}`, value: ADD as string | typeof NONE | typeof ADD },
    ]),
  });
  if (choice === NONE) return undefined;
  if (choice !== ADD) return choice;
  return (await ops.create(await askNewCredential(inlineAsk(services.ui, title), ops.kinds))).id;
}
