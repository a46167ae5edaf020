import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { minutesText } from '../../core/plural';
import { type IdleRule, MAX_FOR_MINUTES, validateRule } from '../../core/utilisation/idleRule';
import { CLOUDS } from '../../providers/clouds';
import { settings } from '../../services/settings';
import { actionVerb } from '../../ui/actionLabels';
import { inputOne, pickOne } from '../../ui/pickOne';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';

/**
 * "Stop When GPUs Are Idle…": a GPU utilisation rule on one running pod of a cloud that can stop pods. Never offered
 * where the cloud cannot stop (NeevCloud): there the only way to stop the billing is to delete the pod, which
 * GPU Pods never does without the user, and the plain reminder already exists ("Remind Me After…").
 */
export async function stopWhenIdle(services: Services, arg?: unknown): Promise<void> {
  const rules = services.idleRules;
  const { account, pod, provider } = await pickPod(
    services,
    arg,
    (p, caps) => p.status === 'running' && caps.podActions.has('stop'),
    vscode.l10n.t('Choose a running pod'),
    vscode.l10n.t('No running pod on a cloud that can stop pods.'),
  );
  const name = displayText(pod.name || pod.id);
  if (!provider.podActions.has('stop')) {
    void services.workbench.showInfo(
      vscode.l10n.t(
        '{0} cannot stop pods, and a GPU utilisation rule never deletes one. Use Remind Me After… for a reminder.',
        CLOUDS[account.cloud].displayName,
      ),
    );
    throw new CancelledError();
  }
  const defaults = settings.idleRuleDefaults();
  const current = rules.get(account.id, pod.id)?.rule;
  const proposed = current ?? defaults;
  const verb = actionVerb(provider.facts, 'stop');
  const choice = await pickOne(services.ui, {
    id: 'idleRuleChoice',
    title: vscode.l10n.t('{0} "{1}" when its GPUs are idle', verb, name),
    items: [
      {
        label: vscode.l10n.t('Below {0}% for {1} min', proposed.thresholdPercent, proposed.forMinutes),
        description: current ? vscode.l10n.t('the current rule') : vscode.l10n.t('the defaults (settings)'),
        value: 'proposed' as const,
      },
      { label: vscode.l10n.t('Other threshold and minutes…'), value: 'custom' as const },
    ],
  });
  const rule = choice === 'proposed' ? proposed : await askRule(services, proposed);
  await rules.set({ accountId: account.id, cloud: account.cloud, pod }, rule);
  void services.workbench.showInfo(
    vscode.l10n.t(
      '"{0}": GPU Pods will {1} it when its GPUs stay below {2}% for {3}, after a warning you can answer.',
      name,
      verb,
      rule.thresholdPercent,
      minutesText(rule.forMinutes),
    ),
  );
}

async function askRule(services: Services, proposed: IdleRule): Promise<IdleRule> {
  const percent = await inputOne(services.ui, {
    id: 'idleRulePercent',
    title: vscode.l10n.t('A GPU is idle below how many percent?'),
    prompt: vscode.l10n.t('Utilisation in percent, above 0 and at most 100.'),
    value: String(proposed.thresholdPercent),
    validate: (v) => errorOf({ thresholdPercent: Number(v.trim()), forMinutes: proposed.forMinutes }, v),
  });
  const minutes = await inputOne(services.ui, {
    id: 'idleRuleMinutes',
    title: vscode.l10n.t('For how many minutes must every GPU stay below it?'),
    prompt: vscode.l10n.t('Whole minutes from 1 to {0}.', MAX_FOR_MINUTES),
    value: String(proposed.forMinutes),
    validate: (v) => errorOf({ thresholdPercent: Number(percent.trim()), forMinutes: Number(v.trim()) }, v),
  });
  const read = validateRule({ thresholdPercent: Number(percent.trim()), forMinutes: Number(minutes.trim()) });
  if ('error' in read) throw new CancelledError();
  return read.rule;
}

function errorOf(rule: IdleRule, typed: string): string | undefined {
  if (typed.trim() === '') return vscode.l10n.t('Type a number.');
  const read = validateRule(rule);
  return 'error' in read ? read.error : undefined;
}

export async function clearIdleRule(services: Services, arg?: unknown): Promise<void> {
  const rules = services.idleRules;
  const { account, pod } = await pickPod(
    services,
    arg,
    (p, _caps, a) => !!rules.get(a.id, p.id),
    vscode.l10n.t('Choose a pod'),
    vscode.l10n.t('No pod has a GPU utilisation rule.'),
  );
  if (await rules.clear(account.id, pod.id)) {
    void services.workbench.showInfo(
      vscode.l10n.t('"{0}" has no GPU utilisation rule any more.', displayText(pod.name || pod.id)),
    );
  }
}
