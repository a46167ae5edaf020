import { l10n } from './l10n';

/**
 * Registry credentials a cloud keeps for pulling private images (Yotta's container-registry-auths, Novita's
 * repository auths). GPU Pods never keeps the password: it goes to the cloud once, in the create (or update)
 * request, and every later use names the credential by id.
 */
export interface RegistryCredential {
  id: string;
  /** The name the user gave it (untrusted cloud text: shown through displayText). */
  name: string;
  /** A second fact worth showing: Yotta's registry kind, Novita's user name. */
  detail?: string;
}

/** What a new credential needs. `kind` only where the cloud asks for one (Yotta's `type`). */
export interface NewCredential {
  name: string;
  username: string;
  password: string;
  kind?: string;
}

/** The fields an update changes; the ones left out stay as they are. */
export type CredentialChange = Partial<Omit<NewCredential, 'kind'>>;

/** A cloud's registry kinds, when it asks for one (Yotta: DOCKER_HUB, GCR, ECR, ACR, PRIVATE). */
export interface CredentialKind {
  id: string;
  label: string;
}

export interface RegistryCredentialOps {
  list(signal?: AbortSignal): Promise<RegistryCredential[]>;
  /** Undefined when the cloud asks no kind. */
  kinds?: readonly CredentialKind[];
  /** Resolves with the credential the cloud made (found by name where the cloud answers with nothing). */
  create(credential: NewCredential, signal?: AbortSignal): Promise<RegistryCredential>;
  /** Only where the cloud documents an update (Yotta's PATCH); Novita documents none. */
  update?(id: string, change: CredentialChange, signal?: AbortSignal): Promise<void>;
  delete(id: string, signal?: AbortSignal): Promise<void>;
}

/** Longest a name, user name or password may be: Novita's documented maximum (500), the tighter of the two clouds. */
export const CREDENTIAL_MAX_LENGTH = 500;

export function validateCredentialName(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Give the credential a name.');
  if (v.length > CREDENTIAL_MAX_LENGTH) return l10n.t('At most {0} characters.', CREDENTIAL_MAX_LENGTH);
  if (/[\u0000-\u001f\u007f]/.test(v)) return l10n.t('The name must not contain control characters.');
  return undefined;
}

export function validateUsername(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter the registry user name.');
  if (v.length > CREDENTIAL_MAX_LENGTH) return l10n.t('At most {0} characters.', CREDENTIAL_MAX_LENGTH);
  if (/\s/.test(v)) return l10n.t('The user name must not contain spaces.');
  return undefined;
}

/** Checked only for being there and fitting: a password or token is the registry's business. */
export function validatePassword(value: string): string | undefined {
  if (value === '') return l10n.t('Enter the password or access token.');
  if (value.length > CREDENTIAL_MAX_LENGTH) return l10n.t('At most {0} characters.', CREDENTIAL_MAX_LENGTH);
  if (/[\r\n]/.test(value)) return l10n.t('The password must be one line.');
  return undefined;
}

/** The id a new credential got: the one among `after` that `before` did not have, named `name`. */
export function newlyListed(
  before: readonly RegistryCredential[],
  after: readonly RegistryCredential[],
  name: string,
): RegistryCredential | undefined {
  const known = new Set(before.map((c) => c.id));
  const fresh = after.filter((c) => !known.has(c.id) && c.name === name);
  return fresh.length === 1 ? fresh[0] : undefined;
}
