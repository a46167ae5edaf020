/**
 * "Create Pod Like This…": what a cloud lets GPU Pods read back from an existing pod, in one shape for every
 * cloud. Each provider maps its own pod answer into it (providers/<cloud>/prefill.ts); each cloud's create form
 * turns it into its wizard's answers (`CreateForm.answersLike`). A part left undefined is one the pod's answer
 * does not carry: the wizard asks that step as for a new pod and says so in the step.
 */

import { l10n } from './l10n';

export interface PrefillPort {
  port: number;
  protocol: 'ssh' | 'http' | 'tcp';
}

export interface PodPrefill {
  /** The GPU as the cloud's create takes it (Yotta gpuType, Novita productId, GPUGeek gpuName, NeevCloud config id). */
  gpu?: { id: string; count?: number };
  /** The region, cluster or datacenter id, where the pod's answer names one. */
  region?: string;
  /** The image as the create takes it (a reference; GPUGeek's image id; NeevCloud's template id). */
  image?: string;
  /** Disk sizes in GB: the container, root or system disk; the local or data disk. */
  disks?: { systemGb?: number; dataGb?: number };
  /** The ports exposed, by their port inside the pod. */
  ports?: PrefillPort[];
  /** The pod exposes more ports of these kinds, whose port inside the pod its answer does not give (GPUGeek TCP). */
  unreadablePorts?: Array<PrefillPort['protocol']>;
  /** Storage mounted on the pod, by id (Novita network storage). */
  volumes?: Array<{ id: string; mountPath?: string }>;
  /**
   * Environment variables, where the pod's answer carries them (Novita `envs`). Values come back in plain text:
   * the form turns a variable whose name looks secret into a reference to the kept secret of that name, so no
   * read-back secret value becomes an answer (formSteps/envVars.ts `prefillEnv`).
   */
  env?: Array<{ key: string; value: string }>;
  /** The billing kind as the create takes it (GPUGeek skuName), where it is one the wizard offers. */
  billing?: string;
}

/** The wizard's starting answers from a prefill, and per step (field id) why it could not be filled. */
export interface SuggestedAnswers {
  /** By field id, as the form's steps answer (createForm.ts `Answers`, not imported: that file imports this one). */
  answers: Record<string, unknown>;
  notes: Record<string, string>;
}

export type UnreadablePart =
  'disk' | 'ports' | 'tcpPorts' | 'volumes' | 'registryAuth' | 'plan' | 'gpu' | 'image' | 'envSecrets';

/** Said in a step the pod could not fill: "Disk size not readable from this pod." */
export function notReadable(part: UnreadablePart): string {
  switch (part) {
    case 'envSecrets':
      return l10n.t(
        'Values of variables named like secrets are not copied: each refers to your kept secret of the suggested name (pick or type it again if it is not kept).',
      );
    case 'disk':
      return l10n.t('Disk size not readable from this pod; the usual size is suggested.');
    case 'ports':
      return l10n.t('Ports not readable from this pod; the usual ones are suggested.');
    case 'tcpPorts':
      return l10n.t('TCP ports not readable from this pod (only their public addresses are listed).');
    case 'volumes':
      return l10n.t('Volumes not readable from this pod.');
    case 'registryAuth':
      return l10n.t('Registry credential not readable from this pod.');
    case 'plan':
      return l10n.t('Plan not readable from this runtime.');
    case 'gpu':
      return l10n.t('GPU not readable from this pod.');
    case 'image':
      return l10n.t('Image not readable from this pod.');
  }
}

/** Collects answers and notes: a part that was read sets its answers, one that was not notes its steps. */
export function suggest(): SuggestedAnswers & {
  set(id: string, value: unknown): void;
  note(ids: readonly string[], part: UnreadablePart): void;
} {
  const answers: Record<string, unknown> = {};
  const notes: Record<string, string> = {};
  return {
    answers,
    notes,
    set: (id, value) => {
      if (value !== undefined) answers[id] = value;
    },
    note: (ids, part) => {
      for (const id of ids) notes[id] = notReadable(part);
    },
  };
}

/**
 * Ports typed in a wizard ("8080/tcp, 8081/http" or "22, 8080" with `protocol` for the bare ones), for the
 * workspace spec (the way back of `answersLike`). What is not a port is left out: the wizard validated it.
 */
export function portsFromText(text: unknown, protocol: PrefillPort['protocol'] = 'tcp'): PrefillPort[] {
  if (typeof text !== 'string') return [];
  const ports: PrefillPort[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,5})(?:\/(tcp|http|ssh))?\s*$/i.exec(part);
    const port = m ? Number(m[1]) : 0;
    if (m && port >= 1 && port <= 65535)
      ports.push({ port, protocol: (m[2]?.toLowerCase() as PrefillPort['protocol'] | undefined) ?? protocol });
  }
  return ports;
}

/** A number answer (the wizard keeps numbers, a prefill may carry text), or undefined. */
export function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** A string answer, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
