import { answerNumber, answerString, type CreateForm } from '../../core/createForm';
import { NotFoundError } from '../../core/errors';
import type { Volume } from '../../core/model';
import type { VolumeOps } from '../../core/provider';
import type { NovitaApi } from './api';
import { mapStorage } from './mapping';
import { l10n } from '../../core/l10n';

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const MIN_GB = 10;
const MAX_GB = 102_400;

function validSize(value: string): string | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= MIN_GB && n <= MAX_GB
    ? undefined
    : l10n.t('Size must be a whole number of GB between {0} and {1}.', MIN_GB, MAX_GB);
}

/** Novita network storage as the volumes group. */
export function novitaVolumes(api: NovitaApi): VolumeOps {
  // Update takes the whole record on some API versions: read it first and send name and size together.
  async function current(id: string) {
    const found = (await api.listStorages()).find((s) => s.storageId === id);
    if (!found) throw new NotFoundError(l10n.t('Novita AI has no network storage {0}.', id));
    return found;
  }

  const form: CreateForm<Volume> = {
    fields: [
      {
        kind: 'pick',
        id: 'clusterId',
        title: l10n.t('Cluster'),
        async options(_a, signal) {
          const clusters = await api.listClusters(signal);
          return clusters.map((c) => ({
            label: String(c.name ?? c.id),
            description: c.id,
            value: c.id,
            ...(c.supportNetworkStorage === false
              ? { disabledReason: l10n.t('no network storage in this cluster') }
              : {}),
          }));
        },
      },
      { kind: 'number', id: 'sizeGb', title: l10n.t('Size (GB)'), initial: () => '100', validate: validSize },
      {
        kind: 'text',
        id: 'name',
        title: l10n.t('Name'),
        validate: (v) => (NAME.test(v.trim()) ? undefined : l10n.t('Use letters, digits and "-" (at most 64).')),
      },
    ],
    async summarize(answers) {
      return [
        { label: l10n.t('Cluster'), value: answerString(answers, 'clusterId') ?? '' },
        { label: l10n.t('Size'), value: l10n.t('{0} GB', answerNumber(answers, 'sizeGb') ?? '') },
        { label: l10n.t('Name'), value: answerString(answers, 'name') ?? '' },
      ];
    },
    async create(answers) {
      const storageName = (answerString(answers, 'name') ?? '').trim();
      const body = {
        clusterId: answerString(answers, 'clusterId') ?? '',
        storageName,
        storageSize: answerNumber(answers, 'sizeGb') ?? MIN_GB,
      };
      await api.createStorage(body);
      // The create answer carries no usable record: find the new storage by name.
      const found = (await api.listStorages({ storageName })).find((s) => s.storageName === storageName);
      return found
        ? mapStorage(found)
        : { cloud: 'novita', id: storageName, name: storageName, sizeGb: body.storageSize, status: 'creating' };
    },
  };

  return {
    list: async (signal) => (await api.listStorages({}, signal)).map(mapStorage),
    createForm: () => form,
    async rename(id, name) {
      const s = await current(id);
      await api.updateStorage({ storageId: id, storageName: name, storageSize: s.storageSize ?? undefined });
    },
    async resize(id, sizeGb) {
      const s = await current(id);
      await api.updateStorage({
        storageId: id,
        storageName: s.storageName ? String(s.storageName) : undefined,
        storageSize: sizeGb,
      });
    },
    delete: (id) => api.deleteStorage(id),
  };
}
