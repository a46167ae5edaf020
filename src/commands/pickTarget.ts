import { displayText } from '../core/displayText';
import { CancelledError } from '../core/errors';
import { l10n } from '../core/l10n';
import type { Endpoint, Pod, Volume } from '../core/model';
import type { Capabilities } from '../core/capabilities';
import type { Provider } from '../core/provider';
import { CLOUDS } from '../providers/clouds';
import type { Account } from '../services/accounts';
import { pickOne } from '../ui/pickOne';
import { statusText } from '../ui/statusText';
import { offerConnectCloud } from './offerConnect';
import type { Services } from './services';

/**
 * What a clicked tree row hands its command, read by its shape: the rows are src/views/nodes.ts, which the
 * pickers every command group shares do not import (a unit test holds the tree's rows to this shape).
 * No vscode at run time here (`l10n` is bound to vscode.l10n.t when the bundle loads): the pickers and the
 * commands built on them run in plain Node.
 */
export interface ClickedRow {
  type: string;
  account?: Account;
  pod?: Pod;
  volume?: Volume;
  endpoint?: Endpoint;
}

/** The row a command was run from, or undefined when it was run from the palette (or by another command). */
export function clickedRow(arg: unknown): ClickedRow | undefined {
  return arg && typeof arg === 'object' && 'type' in arg ? (arg as ClickedRow) : undefined;
}

/** The account a command acts on: the clicked node's, the only one, or the user's pick. */
export async function pickAccount(
  services: Services,
  arg: unknown,
  filter?: (a: Account) => boolean,
): Promise<Account> {
  const row = clickedRow(arg);
  if (row?.account) return services.accounts.get(row.account.id) ?? row.account;
  const accounts = services.accounts.list().filter((a) => !filter || filter(a));
  return pickOne(
    services.ui,
    {
      id: 'account',
      title: l10n.t('Choose an account'),
      items: accounts.map((a) => ({ label: CLOUDS[a.cloud].displayName, description: a.label, value: a })),
    },
    {
      takeSingle: true,
      whenEmpty: () => offerConnectCloud(services, services.accounts.list().length > 0),
    },
  );
}

export interface PodTarget {
  account: Account;
  pod: Pod;
  provider: Provider;
}

/**
 * The pod a command acts on. From the tree it is the clicked pod; from the palette, a pick among the pods
 * of every account for which `valid` holds (e.g. only running pods for "Connect").
 */
export async function pickPod(
  services: Services,
  arg: unknown,
  valid: (pod: Pod, capabilities: Capabilities, account: Account) => boolean,
  title: string,
  /** Said instead of the generic sentence when no pod qualifies. */
  emptyMessage?: string,
  /** Which machines to offer from the palette: pods (default), Yotta VMs, or both (SSH works on either). */
  pool: MachinePool = 'pods',
): Promise<PodTarget> {
  const clicked = await clickedPod(services, arg);
  if (clicked) return clicked;
  return pickAmong(services, await podCandidates(services, valid, pool), title, emptyMessage);
}

/** Which machines a palette pick offers: pods, Yotta VMs, or both (SSH works on either). */
export type MachinePool = 'pods' | 'vms' | 'machines';

/** The pod of the clicked tree row, or undefined when the command was run from the palette. */
export async function clickedPod(services: Services, arg: unknown): Promise<PodTarget | undefined> {
  const row = clickedRow(arg);
  if (row?.type !== 'pod' || !row.account || !row.pod) return undefined;
  return { account: row.account, pod: row.pod, provider: await services.providers.get(row.account) };
}

/** Every account's pods (and/or VMs) for which `valid` holds, each account loaded once first. */
export async function podCandidates(
  services: Services,
  valid: (pod: Pod, capabilities: Capabilities, account: Account) => boolean,
  pool: MachinePool,
): Promise<PodTarget[]> {
  // Make sure every account has been loaded once, so the list is complete.
  await Promise.all(
    services.accounts
      .list()
      .filter((a) => !services.data.snapshot(a.id))
      .map((a) => services.data.refresh(a.id)),
  );
  const candidates: PodTarget[] = [];
  const machines = [
    ...(pool !== 'vms' ? services.data.allPods() : []),
    ...(pool !== 'pods' ? services.data.allVms() : []),
  ];
  for (const { account, pod } of machines) {
    const caps = services.data.snapshot(account.id)?.capabilities;
    if (!caps || !valid(pod, caps, account)) continue;
    candidates.push({ account, pod, provider: await services.providers.get(account) });
  }
  return candidates;
}

/**
 * The user's pick among `candidates` ("name", then "cloud (account) · state" or what `describe` says); when there
 * is none, `emptyMessage` (or the generic sentence) is said and the command ends.
 */
export async function pickAmong(
  services: Services,
  candidates: PodTarget[],
  title: string,
  emptyMessage?: string,
  describe: (target: PodTarget) => string = (c) => statusText(c.pod),
): Promise<PodTarget> {
  if (candidates.length === 0) {
    void services.workbench.showInfo(emptyMessage ?? l10n.t('No pod where this can be done right now.'));
    throw new CancelledError();
  }
  return pickOne(services.ui, {
    id: 'pod',
    title,
    items: candidates.map((c) => ({
      label: displayText(c.pod.name || c.pod.id),
      description: displayText(`${CLOUDS[c.account.cloud].displayName} (${c.account.label}) · ${describe(c)}`),
      value: c,
    })),
  });
}
