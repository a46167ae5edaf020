import { type Answers, answerString, type InlineAsk, type PickField, type PickOption } from '../createForm';
import { l10n } from '../l10n';
import { type CredentialAnswer, type ImageFacts, onPublicRegistry, registryHost } from '../privateImage';
import {
  type CredentialKind,
  type NewCredential,
  type RegistryCredential,
  type RegistryCredentialOps,
  validateCredentialName,
  validatePassword,
  validateUsername,
} from '../registryCredentials';

/** The user said the image is public. */
export const PUBLIC_ANSWER = ':public';
/** The list could not be read and the user went on without a credential. */
export const NO_LIST_ANSWER = ':none';

/** The step's answer as the private-image check reads it. */
export function credentialAnswer(answers: Answers, id: string): CredentialAnswer {
  const v = answerString(answers, id);
  if (v === PUBLIC_ANSWER) return 'public';
  if (!v || v === NO_LIST_ANSWER) return undefined;
  return { credentialId: v };
}

/** The credential id the step answered, if any. */
export function credentialIdOf(answers: Answers, id: string): string | undefined {
  const a = credentialAnswer(answers, id);
  return a && a !== 'public' ? a.credentialId : undefined;
}

export interface CredentialStepOptions {
  id: string;
  /** The image the earlier step chose, and whether GPU Pods saved it with a credential. */
  facts(answers: Answers): ImageFacts;
  skip?(answers: Answers): boolean;
  list(signal?: AbortSignal): Promise<RegistryCredential[]>;
  ops: Pick<RegistryCredentialOps, 'create' | 'kinds'>;
  /** After an inline add: the list the step and summary read is stale. */
  added?(credential: RegistryCredential): void;
}

/**
 * "Registry credential": the cloud's credentials, "Add credential…" inline, and — unless GPU Pods knows the image
 * is private — "None". For an image on a public registry "None" comes first; for one elsewhere a credential does,
 * and "None" reads as the user's answer that the image is public (core/privateImage.ts).
 */
export function credentialStep(o: CredentialStepOptions): PickField {
  return {
    kind: 'pick',
    id: o.id,
    title: l10n.t('Registry credential'),
    skip: o.skip,
    optional: {
      what: l10n.t('Registry credentials'),
      without: { label: l10n.t('Go on without a credential'), value: NO_LIST_ANSWER },
    },
    async options(answers, signal) {
      const facts = o.facts(answers);
      const creds = await o.list(signal);
      const savedWith = facts.saved?.credentialId;
      const credOptions: PickOption[] = creds.map((c) => ({
        label: c.name,
        description: c.detail,
        value: c.id,
        picked: c.id === savedWith,
      }));
      if (savedWith) return credOptions;
      if (facts.saved || onPublicRegistry(facts.image))
        return [{ label: l10n.t('None (public image)'), value: PUBLIC_ANSWER, picked: true }, ...credOptions];
      return [
        ...credOptions.map((c, i) => ({ ...c, picked: i === 0 })),
        {
          label: l10n.t('None: the image is public'),
          description: l10n.t('{0} is not a registry GPU Pods knows to be public', registryHost(facts.image)),
          value: PUBLIC_ANSWER,
          picked: credOptions.length === 0,
        },
      ];
    },
    inline: {
      label: l10n.t('Add credential…'),
      async run(ask, answers) {
        const added = await o.ops.create(await askNewCredential(ask, o.ops.kinds, o.facts(answers).image));
        o.added?.(added);
        return added.id;
      },
    },
  };
}

/** Kind (where the cloud asks one), name, user name and password; the password prompt hides what is typed. */
export async function askNewCredential(
  ask: InlineAsk,
  kinds: readonly CredentialKind[] | undefined,
  image?: string,
): Promise<NewCredential> {
  const kind = kinds?.length
    ? await ask.pick({
        id: 'credentialKind',
        title: l10n.t('Registry kind'),
        options: kinds.map((k) => ({ label: k.label, value: k.id })),
      })
    : undefined;
  const name = await ask.text({
    id: 'credentialName',
    title: l10n.t('Credential name'),
    prompt: l10n.t('A name to know the credential by, e.g. the registry'),
    value: image ? registryHost(image) : undefined,
    validate: validateCredentialName,
  });
  const username = await ask.text({
    id: 'credentialUsername',
    title: l10n.t('Registry user name'),
    prompt: l10n.t('The user name you log in to the registry with'),
    validate: validateUsername,
  });
  const password = await ask.text({
    id: 'credentialPassword',
    title: l10n.t('Registry password or token'),
    prompt: l10n.t('Sent to the cloud once, which keeps it; GPU Pods does not store it'),
    password: true,
    validate: validatePassword,
  });
  return { name: name.trim(), username: username.trim(), password, kind };
}
