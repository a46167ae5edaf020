import { l10n } from '../../core/l10n';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';

export async function copyPodId(services: Services, arg?: unknown): Promise<void> {
  const { pod } = await pickPod(services, arg, () => true, l10n.t('Copy the id of which pod?'));
  await services.workbench.copy(pod.id);
}
