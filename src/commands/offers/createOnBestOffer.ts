import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { gpuPriceText } from '../../core/formSteps/gpus';
import type { GpuOffer, Pod } from '../../core/model';
import {
  matchesModel,
  type ModelChoice,
  modelChoices,
  type OfferRow,
  offerRows,
  type OfferSource,
  regionFor,
  type SourceResult,
} from '../../core/offers';
import { formatRate } from '../../core/price';
import type { Account } from '../../services/accounts';
import { inputOne, pickOne } from '../../ui/pickOne';
import { BACK } from '../../ui/prompts';
import type { PickItem } from '../../ui/userInput';
import { BackToCaller } from '../../ui/wizard';
import { accountName } from '../../views/burnRate';
import { createPod } from '../pods/createPod';
import { offerConnectCloud } from '../offerConnect';
import type { Services } from '../services';

type ModelPick = { key?: string; text?: string; label?: string };
const OTHER = Symbol('other');

/** One source per connected account; the provider is built (and its cloud code loaded) on first use. */
export function offerSources(services: Services): OfferSource[] {
  const accounts = services.accounts.list();
  return accounts.map((account) => ({
    key: account.id,
    cloud: account.cloud,
    where: accountName(account, accounts),
    list: async () => (await services.providers.get(account)).listOffers(),
  }));
}

/**
 * "Create Pod on the Best Offer…": one GPU model (family and VRAM), every connected cloud's offers for it in
 * one list by $/GPU-hour, then that cloud's own create wizard with the offer filled in. Back in the offers goes
 * to the models; Back on the wizard's first step comes back to the offers. Offers are asked in parallel and
 * cached briefly (services.offers); a cloud that fails or is slow shows as unavailable with its reason.
 */
export async function createOnBestOffer(services: Services): Promise<Pod | undefined> {
  const cache = services.offers;
  const sources = offerSources(services);
  if (sources.length === 0) {
    offerConnectCloud(services, services.accounts.list().length > 0);
    throw new CancelledError();
  }
  const gathering = cache.gather(sources).then((results) => {
    for (const r of results) if (r.error) services.log.warn(`Offers from ${r.source.where}: ${r.error}`);
    return results;
  });
  for (;;) {
    const model = await pickModel(services, gathering);
    const rows = offerRows(await gathering, (o) => matchesModel(o, model));
    if (!rows.some((r) => r.kind === 'offer')) {
      void services.workbench.showInfo(
        vscode.l10n.t('No connected cloud offers "{0}".', displayText(model.text ?? model.label ?? '')),
      );
      throw new CancelledError();
    }
    const pod = await pickOfferAndCreate(services, model, rows);
    if (pod !== BACK) return pod;
  }
}

/** The offers list, then the cloud's wizard; Back on the wizard's first step shows the list again. */
async function pickOfferAndCreate(
  services: Services,
  model: ModelPick,
  rows: OfferRow[],
): Promise<Pod | undefined | typeof BACK> {
  for (;;) {
    const picked = await services.ui.pick<{ row: OfferRow & { kind: 'offer' } } | undefined>({
      id: 'bestOffer',
      title: vscode.l10n.t('Offers for {0}, cheapest first', model.label ?? model.text ?? ''),
      placeholder: vscode.l10n.t('Price per GPU-hour · VRAM · region · stock · cloud'),
      items: rows.map(toItem),
      canGoBack: true,
    });
    if (picked === BACK) return BACK;
    if (!picked || Array.isArray(picked) || !picked.row) throw new CancelledError();
    const { source, offer } = picked.row;
    const account = services.accounts.get(source.key);
    if (!account) throw new CancelledError();
    try {
      return await createFromOffer(services, account, offer);
    } catch (error) {
      if (!(error instanceof BackToCaller)) throw error;
    }
  }
}

async function createFromOffer(services: Services, account: Account, offer: GpuOffer): Promise<Pod | undefined> {
  const provider = await services.providers.get(account);
  const prefilled = provider.createForm().answersForOffer?.(offer, regionFor(offer));
  services.log.info(
    `Best offer: ${offer.gpuName} (${offer.id}) on ${account.cloud}; wizard prefilled with ${Object.keys(prefilled ?? {}).join(', ') || 'nothing'}.`,
  );
  return createPod(services, { type: 'account', account }, { prefilled, backToCaller: true });
}

/** "A100 · 80 GB", or "A100 · VRAM unknown" for offers that do not say. */
function modelLabel(c: Pick<ModelChoice, 'family' | 'vramGb'>): string {
  const vram = c.vramGb !== undefined ? vscode.l10n.t('{0} GB', c.vramGb) : vscode.l10n.t('VRAM unknown');
  return `${c.family.toUpperCase()} · ${vram}`;
}

/** "from $1.29/GPU·h", "from $0.210/GPU·h (sold out now)", "price not published". */
function modelPrice(c: ModelChoice): string {
  if (c.cheapest !== undefined) return vscode.l10n.t('from {0}', formatRate(c.cheapest, 'gpuHour'));
  if (c.cheapestSoldOut !== undefined)
    return vscode.l10n.t('from {0} (sold out now)', formatRate(c.cheapestSoldOut, 'gpuHour'));
  return gpuPriceText({ priceMissing: c.priceMissing });
}

async function pickModel(services: Services, gathering: Promise<SourceResult[]>): Promise<ModelPick> {
  const items = gathering.then((results): Array<PickItem<ModelPick | typeof OTHER>> => {
    const failed = results.filter((r) => r.error).map((r) => r.source.where);
    return [
      ...modelChoices(results).map((c) => ({
        label: displayText(modelLabel(c)),
        description: displayText([modelPrice(c), c.clouds.join(', ')].join(' · ')),
        detail: displayText(c.names.join(', '), { maxLength: 400 }),
        value: { key: c.key, label: modelLabel(c) },
      })),
      {
        label: `$(list-flat) ${vscode.l10n.t('Every GPU')}`,
        description: vscode.l10n.t('all offers in one list'),
        value: { text: '' },
      },
      {
        label: `$(edit) ${vscode.l10n.t('Type a model…')}`,
        description: failed.length ? vscode.l10n.t('unavailable: {0}', failed.join(', ')) : undefined,
        value: OTHER,
      },
    ];
  });
  const picked = await pickOne<ModelPick | typeof OTHER>(services.ui, {
    id: 'gpuModel',
    title: vscode.l10n.t('Create Pod on the Best Offer: GPU model'),
    placeholder: vscode.l10n.t('GPU model, from every connected cloud'),
    items,
  });
  if (picked !== OTHER) return picked;
  const text = await inputOne(services.ui, {
    id: 'gpuModelText',
    title: vscode.l10n.t('Create Pod on the Best Offer: GPU model'),
    prompt: vscode.l10n.t('Part of the GPU name, e.g. H100, 4090, A100 80'),
    validate: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a GPU model.') : undefined),
  });
  return { text: text.trim() };
}

function toItem(row: OfferRow): PickItem<{ row: OfferRow & { kind: 'offer' } } | undefined> {
  if (row.kind === 'unavailable') {
    return {
      label: `$(cloud) ${row.source.where}`,
      description: vscode.l10n.t('offers unavailable'),
      detail: displayText(row.reason, { maxLength: 400 }),
      value: undefined,
      disabledReason: vscode.l10n.t('unavailable: {0}', displayText(row.reason)),
    };
  }
  const o = row.offer;
  const regions = o.regions.filter((r) => r.available).map((r) => r.name);
  return {
    label: `${displayText(o.gpuName)} · ${gpuPriceText({ pricePerGpuHour: row.price, priceMissing: o.priceMissing })}`,
    description: row.source.where,
    detail: displayText(
      [
        o.vramGb !== undefined ? vscode.l10n.t('{0} GB VRAM', o.vramGb) : vscode.l10n.t('VRAM unknown'),
        regions.length ? regions.join(', ') : vscode.l10n.t('region: any'),
        // A sold-out offer says so once, as the reason it cannot be picked.
        o.available && o.stock ? vscode.l10n.t('stock: {0}', o.stock) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      { maxLength: 400 },
    ),
    value: { row },
    disabledReason: o.available ? undefined : vscode.l10n.t('sold out'),
  };
}
