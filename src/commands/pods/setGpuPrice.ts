import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { formatRate } from '../../core/price';
import { settablePrice } from '../../core/priceSetting';
import { gpuTypeKey, parseUserPrice, userPriceFor, type UserPrices } from '../../core/userPrices';
import { gpuPrices, setGpuPrice } from '../../services/gpuPriceSettings';
import { inputOne, pickOne } from '../../ui/pickOne';
import type { Services } from '../services';

/**
 * Set Price for GPU Type…: the user's USD per GPU-hour for a GPU type whose cloud publishes no price (Yotta),
 * written to the user setting `gpuPods.prices.perGpuHour`. From a pod (tree menu), a GPU type name (the
 * "price unknown" links in the tooltips), or the palette, which lists the GPU types of running pods that no
 * cloud prices.
 */
export async function setGpuPriceCommand(services: Services, arg?: unknown): Promise<void> {
  const prices = gpuPrices();
  const gpuName = gpuNameOf(arg) ?? (await pickGpuType(services, prices));
  const current = userPriceFor(prices, gpuName);
  const text = await inputOne(services.ui, {
    id: 'gpuPrice',
    title: vscode.l10n.t('Price of one {0} per hour, in US dollars', displayText(gpuName)),
    prompt: vscode.l10n.t(
      'For pods no cloud prices: a pod costs this × its GPUs, shown as "set by you". Stored in your user settings (gpuPods.prices.perGpuHour).',
    ),
    placeholder: vscode.l10n.t('e.g. 0.80'),
    value: current === undefined ? '' : String(current),
    validate: (value) => {
      const parsed = parseUserPrice(value);
      if (!('error' in parsed)) return undefined;
      if (parsed.error === 'negative') return vscode.l10n.t('A price cannot be negative.');
      return vscode.l10n.t('Type US dollars per GPU-hour, e.g. 0.80.');
    },
  });
  const parsed = parseUserPrice(text);
  if ('error' in parsed) throw new CancelledError();
  await setGpuPrice(gpuName, parsed.price);
  void services.workbench.showInfo(
    vscode.l10n.t(
      '{0}: {1}, set by you. Pods of this GPU type that no cloud prices now count at this price per GPU.',
      displayText(gpuName),
      formatRate(parsed.price, 'gpuHour'),
    ),
  );
}

/** The GPU type a tree row or a tooltip link names. */
function gpuNameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim() !== '') return arg;
  if (typeof arg === 'object' && arg !== null && 'pod' in arg) {
    const name = (arg as { pod?: { gpuName?: unknown } }).pod?.gpuName;
    if (typeof name === 'string' && name.trim() !== '') return name;
  }
  return undefined;
}

/** The palette: GPU types of running pods that no cloud prices, those without any price first. */
async function pickGpuType(services: Services, prices: UserPrices): Promise<string> {
  const types = new Map<string, { name: string; pods: number }>();
  for (const { pod } of services.data.allPods()) {
    if (pod.status !== 'running' || !pod.gpuName || !settablePrice(pod, prices)) continue;
    const key = gpuTypeKey(pod.gpuName);
    const seen = types.get(key) ?? { name: pod.gpuName, pods: 0 };
    seen.pods++;
    types.set(key, seen);
  }
  const items = [...types.values()]
    .map(({ name, pods }) => {
      const set = userPriceFor(prices, name);
      const running = pods === 1 ? vscode.l10n.t('1 running pod') : vscode.l10n.t('{0} running pods', pods);
      return {
        label: displayText(name),
        description: [
          set === undefined
            ? vscode.l10n.t('price unknown')
            : vscode.l10n.t('{0} set by you', formatRate(set, 'gpuHour')),
          running,
        ].join(' · '),
        value: name,
        unknown: set === undefined,
      };
    })
    .sort((a, b) => Number(b.unknown) - Number(a.unknown) || a.label.localeCompare(b.label));
  return pickOne(
    services.ui,
    {
      id: 'gpuType',
      title: vscode.l10n.t('Set Price for GPU Type'),
      placeholder: vscode.l10n.t('GPU types of running pods that no cloud prices'),
      items,
    },
    {
      whenEmpty: () =>
        void services.workbench.showInfo(
          vscode.l10n.t('Every running pod has a price from its cloud: there is no GPU type to set a price for.'),
        ),
    },
  );
}
