import * as vscode from 'vscode';
import { ConfigError } from '../../core/errors';
import { regionFor } from '../../core/offers';
import { answersFromSpec, cheapestOffer } from '../../core/specAnswers';
import type { Pod } from '../../core/model';
import type { WorkspaceSpec } from '../../core/workspaceSpec';
import { SPEC_PATH } from '../../core/workspaceSpecPath';
import type { Account } from '../../services/accounts';
import { pickOne } from '../../ui/pickOne';
import { CLOUDS } from '../../providers/clouds';
import { offerSources } from '../offers/createOnBestOffer';
import { createPod } from '../pods/createPod';
import type { Services } from '../services';
import { hasSpec, pickFolder, readSpec } from './workspaceSpecFile';

/**
 * "Create Pod from Workspace Spec": the folder's .vscode/gpu-pods.json, checked, then the cloud's create wizard
 * opened on its summary (with the price) holding the spec's answers; confirming sends the one create the wizard
 * always sends (never retried blindly). A step whose answer the cloud no longer takes (a GPU sold out) is asked
 * instead, saying why. "Cheapest offer with at least N GB VRAM" picks the offer first, across connected accounts.
 */
export async function createFromWorkspaceSpec(services: Services): Promise<Pod | undefined> {
  const folders = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) if (await hasSpec(f)) folders.push(f);
  if (folders.length === 0) throw new ConfigError(vscode.l10n.t('No workspace folder has {0}.', SPEC_PATH));
  const folder = await pickFolder(services.ui, folders, vscode.l10n.t("Create a pod from which folder's spec?"));
  const spec = await readSpec(folder);
  const { account, gpu } =
    'type' in spec.gpu ? { account: await accountFor(services, spec), gpu: undefined } : await cheapest(services, spec);
  const provider = await services.providers.get(account);
  const form = provider.createForm();
  const answers = {
    ...answersFromSpec(form, spec, gpu && { id: gpu.offer.id, count: spec.gpu.count }),
    ...(gpu ? form.answersForOffer?.(gpu.offer, spec.region ?? regionFor(gpu.offer)) : {}),
  };
  services.log.info(
    `Create from workspace spec (${folder.name}) on ${account.cloud}: answers for ${Object.keys(answers).join(', ') || 'nothing'}.`,
  );
  const idleRule = spec.idle && {
    thresholdPercent: spec.idle.stopBelowPercent,
    forMinutes: spec.idle.stopAfterMinutes,
  };
  return createPod(services, { type: 'account', account }, { spec: { answers, idleRule } });
}

/** The connected account the spec names (its cloud, and its label when given); the user picks among several. */
async function accountFor(services: Services, spec: WorkspaceSpec): Promise<Account> {
  const matching = services.accounts
    .list()
    .filter((a) => a.cloud === spec.cloud && (spec.account === undefined || a.label === spec.account));
  if (matching.length === 0) {
    const cloud = spec.cloud ? CLOUDS[spec.cloud].displayName : '';
    throw new ConfigError(
      spec.account
        ? vscode.l10n.t('The spec asks for the {0} account "{1}", which is not connected.', cloud, spec.account)
        : vscode.l10n.t('The spec asks for {0}, and no {0} account is connected.', cloud),
    );
  }
  return pickOne(
    services.ui,
    {
      id: 'specAccount',
      title: vscode.l10n.t("Create the spec's pod on which account?"),
      items: matching.map((a) => ({ label: a.label, value: a })),
    },
    { takeSingle: true },
  );
}

/** The cheapest available offer with the spec's VRAM, among the accounts the spec allows. */
async function cheapest(services: Services, spec: WorkspaceSpec) {
  const want = spec.gpu as { minVramGb: number; count?: number };
  const sources = offerSources(services).filter(
    (s) =>
      (!spec.cloud || s.cloud === spec.cloud) &&
      (!spec.account || services.accounts.get(s.key)?.label === spec.account),
  );
  const results = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Finding the cheapest offer for the spec…'),
    },
    () => services.offers.gather(sources),
  );
  for (const r of results) if (r.error) services.log.warn(`Offers from ${r.source.where}: ${r.error}`);
  const found = cheapestOffer(results, { minVramGb: want.minVramGb, count: want.count });
  const account = found && services.accounts.get(found.key);
  if (!found || !account)
    throw new ConfigError(
      vscode.l10n.t('No connected cloud offers a GPU with at least {0} GB of VRAM now.', want.minVramGb),
    );
  services.log.info(
    `Workspace spec: cheapest offer with ${want.minVramGb} GB+ is ${found.offer.id} on ${account.cloud}.`,
  );
  return { account, gpu: found };
}
