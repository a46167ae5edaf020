import { CachedLoad } from '../../core/cachedLoad';
import { type Answers, answerNumber, answerString, type CreateForm, type SummaryLine } from '../../core/createForm';
import { nameStep } from '../../core/formSteps/names';
import type { Volume } from '../../core/model';
import { validateIntRange, validateName, VOLUME_SIZE } from './formInput';
import type { NewVolume, YottaResources } from './resources';
import { l10n } from '../../core/l10n';

/** Storage choices as Yotta defines them; VENDOR needs a disk kind, so it is offered twice. */
const STORAGE = [
  { value: 'CEPH', label: 'CEPH', description: l10n.t('network volume, sized') },
  { value: 'VENDOR:NVMe', label: l10n.t('Vendor NVMe'), description: l10n.t('local to the region, sized') },
  { value: 'VENDOR:HDD', label: l10n.t('Vendor HDD'), description: l10n.t('local to the region, sized') },
  { value: 'R2', label: 'R2', description: l10n.t('object storage, unlimited size') },
  { value: 'S3', label: 'S3', description: l10n.t('object storage, unlimited size, no region') },
];

const storage = (a: Answers) => answerString(a, 'storageType') ?? 'CEPH';
const sized = (a: Answers) => /^(CEPH|VENDOR)/.test(storage(a));

function spec(a: Answers): NewVolume {
  const [storageType, vendorVolumeType] = storage(a).split(':');
  return {
    name: (answerString(a, 'name') ?? '').trim(),
    storageType,
    region: storageType === 'S3' ? undefined : answerString(a, 'region'),
    sizeInGb: sized(a) ? answerNumber(a, 'size') : undefined,
    vendorVolumeType,
  };
}

export function volumeCreateForm(res: YottaResources): CreateForm<Volume> {
  const regions = new CachedLoad(async (signal) => {
    const seen = new Map<string, string>();
    for (const o of await res.listOffers(signal)) for (const r of o.regions) seen.set(r.id, r.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  });
  const regionList = (signal?: AbortSignal) => regions.get(signal);

  return {
    fields: [
      {
        kind: 'pick',
        id: 'storageType',
        title: l10n.t('Storage type'),
        async options() {
          return STORAGE.map((s, i) => ({ ...s, picked: i === 0 }));
        },
      },
      {
        kind: 'pick',
        id: 'region',
        title: l10n.t('Region'),
        skip: (a) => storage(a) === 'S3',
        async options(_a, signal) {
          return (await regionList(signal)).map((r, i) => ({
            label: r.name,
            description: r.name !== r.id ? r.id : undefined,
            value: r.id,
            picked: i === 0,
          }));
        },
      },
      {
        kind: 'number',
        id: 'size',
        title: l10n.t('Size (GB)'),
        skip: (a) => !sized(a),
        initial: () => '100',
        validate: (v) => validateIntRange(v, VOLUME_SIZE.min, VOLUME_SIZE.max, l10n.t('The size')),
      },
      nameStep({ initial: () => 'volume', validate: (v) => validateName(v) }),
    ],
    async summarize(a): Promise<SummaryLine[]> {
      const s = spec(a);
      return [
        { label: l10n.t('Name'), value: s.name },
        { label: l10n.t('Storage'), value: [s.storageType, s.vendorVolumeType].filter(Boolean).join(' ') },
        { label: l10n.t('Region'), value: s.region ?? l10n.t('none (global)') },
        { label: l10n.t('Size'), value: s.sizeInGb ? l10n.t('{0} GB', s.sizeInGb) : l10n.t('unlimited') },
      ];
    },
    async create(a, ctx) {
      return res.createVolume(spec(a), ctx.signal);
    },
  };
}
