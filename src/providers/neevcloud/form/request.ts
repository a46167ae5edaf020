import { type Answers, answerNumber, answerString, type CreateContext } from '../../../core/createForm';
import { ConfigError } from '../../../core/errors';
import type { RawInventoryItem } from '../schemas';
import { isGpuChoice } from './gpuChoice';
import { l10n } from '../../../core/l10n';

/** Lower-case letters, digits and hyphens, like the CLI's examples ("quickstart-jupyter"). */
export const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Plan ids as the CLI shows them ("gpu-h200-on-demand-1h"): nothing that could break out of a JSON string or a path. */
export const PLAN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The create body from the answers; `strict` also demands the SSH key (create) rather than noting it (summary). */
export function request(answers: Answers, ctx: CreateContext, item: RawInventoryItem | undefined, strict: boolean) {
  const gpu = answers.gpu;
  if (!isGpuChoice(gpu)) throw new ConfigError(l10n.t('Pick a NeevCloud GPU configuration first.'));
  const templateID = answerString(answers, 'template');
  if (!templateID) throw new ConfigError(l10n.t('Pick a NeevCloud runtime template first.'));
  const name = answerString(answers, 'name')?.trim() ?? '';
  if (!NAME.test(name))
    throw new ConfigError(l10n.t('The runtime name must be lower-case letters, digits or hyphens.'));
  const gpuCount = answerNumber(answers, 'count') ?? item?.min_gpu_count ?? 1;
  const planId = answerString(answers, 'plan')?.trim() ?? '';
  if (!PLAN.test(planId)) throw new ConfigError(l10n.t('Enter the NeevCloud plan id to create the runtime on.'));
  const sshPublicKey = ctx.sshPublicKey?.trim();
  if (strict && !sshPublicKey) {
    throw new ConfigError(
      l10n.t(
        'NeevCloud runtimes are reached over SSH with your public key, and none is set up yet; create or pick an SSH key first.',
      ),
    );
  }
  return {
    item,
    body: {
      name,
      region: item?.region ?? answerString(answers, 'region') ?? gpu.regionId,
      templateID,
      gpuConfigID: gpu.configId,
      gpuCount,
      planId,
      sshKeys: sshPublicKey ? [sshPublicKey] : [],
    },
  };
}
