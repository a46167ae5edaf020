import { answerString, type MultiPickField } from '../../../core/createForm';
import { type NovitaCatalog, str } from './catalog';
import { l10n } from '../../../core/l10n';

/** Network storages to mount, those of the cluster picked (or all, for any cluster). */
export function storageStep(cat: NovitaCatalog): MultiPickField {
  return {
    kind: 'multiPick',
    id: 'networkStorages',
    optional: { what: l10n.t('Network storages') },
    title: l10n.t('Network storage'),
    placeholder: l10n.t('Mount network storage (optional)'),
    async options(a, signal) {
      const cluster = answerString(a, 'clusterId');
      const list = await cat.storages(signal);
      return list
        .filter((s) => !cluster || !s.clusterId || s.clusterId === cluster)
        .map((s) => ({
          label: str(s.storageName) ?? s.storageId,
          description: [s.storageSize ? `${s.storageSize} GB` : undefined, str(s.clusterName)]
            .filter(Boolean)
            .join(' · '),
          value: s.storageId,
        }));
    },
  };
}
