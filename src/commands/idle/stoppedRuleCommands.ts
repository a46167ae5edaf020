import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { parseHours } from '../../core/idleTimers';
import { hoursOrDaysText } from '../../core/plural';
import { deleteWhenStoppedAllowed, PROPOSED_STOPPED_HOURS } from '../../core/stoppedRule';
import { CLOUDS } from '../../providers/clouds';
import { settings } from '../../services/settings';
import { actionLabel, actionVerb } from '../../ui/actionLabels';
import { inputOne, pickOne } from '../../ui/pickOne';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';

/**
 * "Delete When Stopped For…": a rule on one pod that deletes it once it has stayed stopped that long, after a
 * warning with a grace period. Offered only on clouds that keep a stopped pod (stop and delete are two actions);
 * where stopping is deleting (NeevCloud) there is nothing to delete later.
 */
export async function deleteWhenStopped(services: Services, arg?: unknown): Promise<void> {
  const rules = services.stoppedRules;
  const { account, pod, provider } = await pickPod(
    services,
    arg,
    (p, caps) => deleteWhenStoppedAllowed(caps, p),
    vscode.l10n.t('Choose a pod'),
    vscode.l10n.t('No pod on a cloud that keeps stopped pods.'),
  );
  const name = displayText(pod.name || pod.id);
  if (!deleteWhenStoppedAllowed(provider, pod)) {
    void services.workbench.showInfo(
      vscode.l10n.t(
        '{0} keeps no stopped pods (stopping deletes them there): a delete-when-stopped rule does not apply.',
        CLOUDS[account.cloud].displayName,
      ),
    );
    throw new CancelledError();
  }
  const current = rules.get(account.id, pod.id)?.rule.afterHours;
  const proposed = current ?? (settings.stoppedDeleteHours() || PROPOSED_STOPPED_HOURS);
  const verb = actionVerb(provider.facts, 'terminate');
  const others = [24, 72, 168].filter((h) => h !== proposed);
  const choice = await pickOne(services.ui, {
    id: 'stoppedRuleHours',
    title: vscode.l10n.t(
      '{0} "{1}" once it has been stopped for how long?',
      actionLabel(provider.facts, 'terminate'),
      name,
    ),
    items: [
      {
        label: hoursOrDaysText(proposed),
        description:
          current !== undefined
            ? vscode.l10n.t('the current rule')
            : settings.stoppedDeleteHours()
              ? vscode.l10n.t('the default (settings)')
              : undefined,
        value: proposed,
      },
      ...others.map((h) => ({ label: hoursOrDaysText(h), value: h })),
      { label: vscode.l10n.t('Other number of hours…'), value: 0 },
    ],
  });
  const afterHours = choice > 0 ? choice : await askHours(services, proposed);
  await rules.set({ accountId: account.id, cloud: account.cloud, pod }, { afterHours });
  void services.workbench.showInfo(
    vscode.l10n.t(
      '"{0}": GPU Pods will {1} it once it has been stopped for {2}, after a warning you can answer.',
      name,
      verb,
      hoursOrDaysText(afterHours),
    ),
  );
}

async function askHours(services: Services, proposed: number): Promise<number> {
  const text = await inputOne(services.ui, {
    id: 'stoppedRuleCustomHours',
    title: vscode.l10n.t('Stopped for how many hours?'),
    prompt: vscode.l10n.t('Hours, counted while the pod stays stopped (48 = 2 days; at most 720).'),
    value: String(proposed),
    validate: (v) => {
      const r = parseHours(v);
      return 'error' in r ? r.error : undefined;
    },
  });
  const parsed = parseHours(text);
  if ('error' in parsed) throw new CancelledError();
  return parsed.hours;
}

export async function clearStoppedRule(services: Services, arg?: unknown): Promise<void> {
  const rules = services.stoppedRules;
  const { account, pod } = await pickPod(
    services,
    arg,
    (p, _caps, a) => !!rules.get(a.id, p.id),
    vscode.l10n.t('Choose a pod'),
    vscode.l10n.t('No pod has a delete-when-stopped rule.'),
  );
  if (await rules.clear(account.id, pod.id)) {
    void services.workbench.showInfo(
      vscode.l10n.t('"{0}" has no delete-when-stopped rule any more.', displayText(pod.name || pod.id)),
    );
  }
}
