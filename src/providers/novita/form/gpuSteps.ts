import type { FormField, PickOption } from '../../../core/createForm';
import { countRange, gpuCountOptions } from '../../../core/formSteps/counts';
import { gpuOption } from '../../../core/formSteps/gpus';
import { formatRate } from '../../../core/price';
import { isDeployable, productInCluster, stockWord, usdPerHour, vramFromName } from '../mapping';
import type { RawProduct } from '../schemas';
import { spotUnits } from '../spot';
import { spotQuery } from './billingStep';
import { byPrice, type NovitaCatalog, str } from './catalog';
import { l10n } from '../../../core/l10n';

/** Novita's reference: "Number of GPUs. Integer, valid range: [1, 8]" (create instance, gpuNum). */
const GPU_COUNTS = countRange(1, 8);

function productOption(p: RawProduct): PickOption {
  const name = str(p.name) ?? p.id;
  return gpuOption(
    {
      name,
      vramGb: vramFromName(name),
      pricePerGpuHour: usdPerHour(p.price),
      spotPricePerGpuHour: usdPerHour(spotUnits(p)),
      stock: stockWord(p),
      soldOut: isDeployable(p) ? undefined : l10n.t('sold out'),
      detail: [
        p.cpuPerGpu && `${p.cpuPerGpu} vCPU/GPU`,
        p.memoryPerGpu && l10n.t('{0} GB RAM/GPU', p.memoryPerGpu),
        p.diskPerGpu && l10n.t('{0} GB disk/GPU', p.diskPerGpu),
      ]
        .filter(Boolean)
        .join(', '),
    },
    p.id,
  );
}

/** GPU product (cheapest first), count, and the cluster that has that many free. */
export function gpuSteps(cat: NovitaCatalog): FormField[] {
  const { api, product, gpuNum } = cat;
  return [
    {
      kind: 'pick',
      id: 'productId',
      title: l10n.t('GPU'),
      placeholder: l10n.t('GPU · VRAM · price · stock'),
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
        const spot = usdPerHour(spotUnits(product(a)));
        return gpuCountOptions(GPU_COUNTS, str(product(a)?.name) ?? 'GPU', (n) => ({
          description: [
            price !== undefined ? formatRate(price * n, 'hour') : l10n.t('price unknown'),
            ...(spot !== undefined ? [l10n.t('spot {0}', formatRate(spot * n, 'hour'))] : []),
          ].join(' · '),
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
          api.listProducts({ gpuNum: n, productName: str(p?.name), ...spotQuery(a) }, signal),
          cat.clusters(signal),
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
