import { CachedLoad } from '../../../core/cachedLoad';
import { type Answers, answerString, type PickField, type PickOption } from '../../../core/createForm';
import {
  credentialAnswer,
  credentialIdOf,
  credentialStep,
  NO_LIST_ANSWER,
} from '../../../core/formSteps/credentialStep';
import { l10n } from '../../../core/l10n';
import { type ImageFacts, privateImageProblem } from '../../../core/privateImage';
import type { RegistryCredential, RegistryCredentialOps } from '../../../core/registryCredentials';
import type { ImageSaveOps, SavedImage } from '../../../core/savedImages';
import { DEFAULT_IMAGE, TEMPLATE_PREFIX } from './catalog';

export const CREDENTIAL_FIELD = 'imageAuthId';

/**
 * The private-image side of Novita's wizard: images GPU Pods saved on the account, the credential step
 * (`imageAuthId` at create, gpu-instance-create-instance), and the check that refuses a private image without one.
 * Novita's `imageAuth` ("username:password" in the create body) is not used: it would mean keeping the password.
 */
export class NovitaPrivateImages {
  private readonly creds: CachedLoad<RegistryCredential[]>;
  constructor(
    private readonly ops: RegistryCredentialOps,
    private readonly saves: Pick<ImageSaveOps, 'job'>,
    private readonly saved: readonly SavedImage[] = [],
  ) {
    this.creds = new CachedLoad((signal) => ops.list(signal));
  }

  /** The image answer names a typed or saved image (not the default, not a template). */
  private ownImage(answers: Answers): string | undefined {
    const image = answerString(answers, 'image') ?? DEFAULT_IMAGE;
    return image === DEFAULT_IMAGE || image.startsWith(TEMPLATE_PREFIX) ? undefined : image.trim();
  }

  facts(answers: Answers): ImageFacts {
    const image = this.ownImage(answers) ?? DEFAULT_IMAGE;
    const saved = this.saved.find((s) => s.image === image);
    return { image, saved: saved ? { credentialId: saved.credentialId } : undefined };
  }

  /**
   * Saved images for the image step: those whose save was seen to end well, and those still unconfirmed whose job
   * the cloud now reports done. A failed or vanished save is left out; one still running is shown, not pickable.
   */
  async savedOptions(signal?: AbortSignal): Promise<PickOption[]> {
    const out: PickOption[] = [];
    for (const s of this.saved) {
      const job = s.done ? undefined : await this.saves.job(s.jobId, signal).catch(() => undefined);
      if (!s.done && job?.state !== 'done' && job?.state !== 'running') continue;
      out.push({
        label: l10n.t('Saved: {0}', s.image),
        description: s.podName ? l10n.t('from {0}', s.podName) : undefined,
        value: s.image,
        disabledReason: job?.state === 'running' ? l10n.t('still being saved') : undefined,
      });
    }
    return out;
  }

  step(): PickField {
    return credentialStep({
      id: CREDENTIAL_FIELD,
      facts: (a) => this.facts(a),
      skip: (a) => !this.ownImage(a),
      list: (signal) => this.creds.get(signal),
      ops: this.ops,
      added: () => this.creds.forget(),
    });
  }

  /** The id to send as `imageAuthId`, when the step chose one. */
  credentialId(answers: Answers): string | undefined {
    return this.ownImage(answers) ? credentialIdOf(answers, CREDENTIAL_FIELD) : undefined;
  }

  /** The chosen credential's name, for the summary. */
  async credentialName(id: string, signal?: AbortSignal): Promise<string> {
    const list = await this.creds.get(signal).catch(() => [] as RegistryCredential[]);
    return list.find((c) => c.id === id)?.name ?? id;
  }

  /** Why the create must not be sent, or undefined. */
  problem(answers: Answers): string | undefined {
    if (!this.ownImage(answers)) return undefined;
    const unreadable = answerString(answers, CREDENTIAL_FIELD) === NO_LIST_ANSWER;
    return privateImageProblem(
      this.facts(answers),
      credentialAnswer(answers, CREDENTIAL_FIELD),
      unreadable ? l10n.t('the list of credentials could not be loaded') : undefined,
    );
  }
}
