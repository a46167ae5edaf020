import { type Answers, answerString } from '../../../core/createForm';
import { CloudError } from '../../../core/errors';
import { slug } from '../../../core/formSteps/names';
import { CLOUD_NAME } from '../api';
import { gpuInfo } from '../gpuTypes';
import type { VmSpec } from '../vms';
import type { VmLookups } from './vmLookups';
import { mountsOf } from './vmMounts';
import { l10n } from '../../../core/l10n';

/** "h100-vm" for the GPU picked. */
export function defaultVmName(answers: Answers): string {
  return `${slug(gpuInfo(answerString(answers, 'vmType'))?.name ?? 'vm') || 'gpu'}-vm`;
}

/** The VM to create; refused before any request when the type is no longer offered in the region. */
export async function vmSpec(look: VmLookups, answers: Answers): Promise<VmSpec> {
  const type = await look.type(answers);
  const region = answerString(answers, 'region') ?? '';
  const entry = type?.regions?.find((r) => r.region === region);
  if (!type || !entry?.vmTypeId) {
    throw new CloudError(
      l10n.t(
        '{0} does not offer {1} in {2} any more; pick again.',
        CLOUD_NAME,
        answerString(answers, 'vmType') ?? 'that VM type',
        region || 'that region',
      ),
      'vmType',
    );
  }
  return {
    name: (answerString(answers, 'name') ?? defaultVmName(answers)).trim(),
    vmTypeId: entry.vmTypeId,
    region,
    spot: answerString(answers, 'pricing') === 'spot',
    volumeMountPaths: mountsOf(answers, look.volumeNames),
  };
}
