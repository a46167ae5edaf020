import type { FormField, PickOption } from '../../../core/createForm';
import { countRange, gpuCountOptions } from '../../../core/formSteps/counts';
import { formatUsd, isDeployable, productInCluster, stockWord, usdPerHour } from '../mapping';
import type { RawProduct } from '../schemas';
import { byPrice, type NovitaCatalog, str } from './catalog';
import { l10n } from '../../../core/l10n';

function productOption(p: RawProduct): PickOption {
  const stock = stockWord(p);
  const price = usdPerHour(p.price);
  return {
    label: str(p.name) ?? p.id,
    description: [
      price !== undefined ? l10n.t('{0} per GPU', formatUsd(price)) : l10n.t('price unknown'),
      stock && `stock: ${stock}`,
    ]
      .filter(Boolean)
      .join(' · '),
    detail: [
      p.cpuPerGpu && `${p.cpuPerGpu} vCPU/GPU`,
      p.memoryPerGpu && l10n.t('{0} GB RAM/GPU', p.memoryPerGpu),
      p.diskPerGpu && l10n.t('{0} GB disk/GPU', p.diskPerGpu),
    ]
      .filter(Boolean)
      .join(', '),
    value: p.id,
    ...(isDeployable(p) ? {} : { disabledReason: l10n.t('sold out') }),
  };
}

/** GPU product (cheapest first), count, and the cluster that has that many free. */
export function gpuSteps(cat: NovitaCatalog): FormField[] {
  const { api, product, gpuNum } = cat;
  return [
    {
      kind: 'pick',
      id: 'productId',
      title: l10n.t('GPU'),
      placeholder: l10n.t('GPU product (price per GPU-hour)'),
      async options(_a, signal) {
        const list = (await api.listProducts({}, signal)).sort(byPrice);
        cat.products.clear();
        for (const p of list) cat.products.set(p.id, p);
        return list.map(productOption);
      },
    },
    {
      kind: 'pick',
      id: 'gpuNum',
      title: l10n.t('GPU count'),
      async options(a) {
        const price = usdPerHour(product(a)?.price);
        return gpuCountOptions(countRange(1, 8), str(product(a)?.name) ?? 'GPU', (n) => ({
          description: price !== undefined ? formatUsd(price * n) : undefined,
        }));
      },
    },
    {
      kind: 'pick',
      id: 'clusterId',
      title: l10n.t('Cluster'),
      async options(a, signal) {
        const p = product(a);
        const n = gpuNum(a);
        // Ask again for this count: availability depends on how many GPUs are free together.
        const [fresh, clusters] = await Promise.all([
          api.listProducts({ gpuNum: n, productName: str(p?.name) }, signal),
          api.listClusters(signal),
        ]);
        const now = fresh.find((f) => f.id === p?.id);
        const reason = !now
          ? l10n.t('not offered with {0} GPU(s)', n)
          : isDeployable(now)
            ? undefined
            : l10n.t('sold out for {0} GPU(s)', n);
        const blocked = reason ? { disabledReason: reason } : {};
        const options: PickOption[] = [
          {
            label: l10n.t('Any cluster'),
            description: l10n.t('Novita picks one with stock'),
            value: '',
            picked: true,
            ...blocked,
          },
        ];
        for (const c of clusters) {
          if (now && !productInCluster(now, c)) continue;
          options.push({ label: str(c.name) ?? c.id, description: c.id, value: c.id, ...blocked });
        }
        return options;
      },
    },
  ];
}
