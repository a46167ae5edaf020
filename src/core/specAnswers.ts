/**
 * A create wizard's answers and the workspace pod spec, both ways, through the one shape every cloud's form
 * already reads (`PodPrefill`, Create Pod Like This…): answers → `form.prefillOf` → spec, and spec →
 * `form.answersLike` → the wizard's answers. The environment step's answer is carried as it is (names, plain
 * values, and secrets by name only).
 */

import type { Answers, CreateForm } from './createForm';
import { ENV_FIELD } from './formSteps/environment';
import { envAnswer, looksSecret, suggestedSecretName } from './formSteps/envVars';
import type { CloudId, GpuOffer } from './model';
import { offerRows, type SourceResult } from './offers';
import type { PodPrefill } from './podPrefill';
import type { WorkspaceSpec } from './workspaceSpec';

export interface SavedSpec {
  spec: WorkspaceSpec;
  /** Plain variables whose name looks secret: saved as a reference to the kept secret of the suggested name. */
  madeSecret: string[];
}

/** The spec for these answers of `cloud`'s wizard on the account labelled `account`. */
export function specFromAnswers(
  form: Pick<CreateForm, 'prefillOf'>,
  answers: Answers,
  where: { cloud: CloudId; account: string },
): SavedSpec {
  const p: PodPrefill = form.prefillOf?.(answers) ?? {};
  const env = envAnswer(answers, ENV_FIELD);
  const madeSecret: string[] = [];
  const vars = env.vars.map((v) => {
    if (v.secret !== undefined) return { name: v.name, secret: v.secret };
    if (!looksSecret(v.name)) return { name: v.name, value: v.value ?? '' };
    madeSecret.push(v.name);
    return { name: v.name, secret: suggestedSecretName(v.name) };
  });
  const spec: WorkspaceSpec = {
    cloud: where.cloud,
    account: where.account,
    gpu: { type: p.gpu?.id ?? '', ...(p.gpu?.count !== undefined ? { count: p.gpu.count } : {}) },
  };
  if (p.region) spec.region = p.region;
  if (p.image) spec.image = p.image;
  if (p.disks && (p.disks.systemGb !== undefined || p.disks.dataGb !== undefined)) spec.disks = { ...p.disks };
  if (p.volumes?.length) spec.volumes = p.volumes.map((v) => ({ ...v }));
  if (p.ports?.length) spec.ports = p.ports.map((x) => ({ ...x }));
  if (vars.length) spec.env = vars;
  if (env.command) spec.command = env.command;
  return { spec, madeSecret };
}

/** The wizard's answers for a spec (its GPU chosen already: `gpuId`, from the spec or the cheapest offer). */
export function answersFromSpec(
  form: Pick<CreateForm, 'answersLike'>,
  spec: WorkspaceSpec,
  gpu?: { id: string; count?: number },
): Answers {
  const chosen = gpu ?? ('type' in spec.gpu ? { id: spec.gpu.type, count: spec.gpu.count } : undefined);
  const prefill: PodPrefill = {
    gpu: chosen ? { id: chosen.id, count: chosen.count ?? spec.gpu.count } : undefined,
    region: spec.region,
    image: spec.image,
    disks: spec.disks,
    ports: spec.ports ?? [],
    volumes: spec.volumes,
  };
  const answers: Answers = { ...(form.answersLike?.(prefill).answers ?? {}) };
  if (spec.env || spec.command !== undefined)
    answers[ENV_FIELD] = { vars: (spec.env ?? []).map((v) => ({ ...v })), command: spec.command };
  if (spec.name) answers.name = spec.name;
  return answers;
}

/**
 * "The cheapest offer with at least N GB VRAM across my clouds": among the accounts that answered (of the spec's
 * cloud and account when it names them), the available offer with enough VRAM per GPU and room for the count,
 * cheapest per GPU-hour first (an offer without a price after every priced one). Undefined when none is.
 */
export function cheapestOffer(
  results: readonly SourceResult[],
  want: { minVramGb: number; count?: number; cloud?: CloudId; accountKey?: string },
): { key: string; offer: GpuOffer } | undefined {
  const fits = (o: GpuOffer) =>
    o.available &&
    o.vramGb !== undefined &&
    o.vramGb >= want.minVramGb &&
    (want.cloud === undefined || o.cloud === want.cloud) &&
    (want.count === undefined || o.maxCount === undefined || o.maxCount >= want.count) &&
    (want.count === undefined || o.minCount === undefined || o.minCount <= want.count);
  const scope = results.filter((r) => want.accountKey === undefined || r.source.key === want.accountKey);
  const row = offerRows(scope, fits).find((r) => r.kind === 'offer');
  return row?.kind === 'offer' ? { key: row.source.key, offer: row.offer } : undefined;
}
