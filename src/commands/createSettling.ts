import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { CancelledError, userMessage } from '../core/errors';
import { type CreateAttempt, type CreateOutcome, lookForCreated } from '../core/createOutcome';
import type { Pod } from '../core/model';
import { describeForLog } from '../services/log';
import { reportError } from './runCommand';
import type { Services } from './services';

/** What the user sees and answers when a create did not simply succeed (the decisions: core/createOutcome). */

export interface CreateRun<P extends Pod> extends CreateAttempt<P> {
  accountId: string;
  /** For messages: "GPUGeek", and what is made ("pod", "virtual machine"). */
  cloud: string;
  noun: string;
  /** Notification title while the request runs. */
  progress: string;
}

/** The create failed (or an earlier attempt was refused), yet the pod exists: it is used, and that is said. */
export function reportFound<P extends Pod>(services: Services, run: CreateRun<P>, pod: P, error: unknown): void {
  const name = displayText(pod.name || run.name || pod.id);
  services.log.warn(
    `Create ${run.noun} "${pod.name}": ` +
      (error === undefined ? 'refused earlier' : `the cloud answered ${describeForLog(error)}`) +
      `, but it exists (${pod.id}); carrying on with it, nothing sent again.`,
  );
  void services.workbench.showWarning(
    error === undefined
      ? vscode.l10n.t(
          '{0} refused "{1}" earlier, but it exists now; it is used, and nothing was sent again.',
          run.cloud,
          name,
        )
      : vscode.l10n.t(
          '{0} answered the create with an error ({1}), but "{2}" exists; it is used, and nothing was sent again.',
          run.cloud,
          displayText(userMessage(error)),
          name,
        ),
  );
}

/** The cloud documented that it made nothing: its reason, and Edit and Retry (the retry looks again first). True: retry. */
export async function askAfterRefusal<P extends Pod>(
  services: Services,
  run: CreateRun<P>,
  error: unknown,
): Promise<boolean> {
  reportError(services, `create ${run.noun}`, error);
  const choice = await services.ui.pick({
    id: 'createFailed',
    title: vscode.l10n.t('{0} did not create the {1}: {2}', run.cloud, run.noun, displayText(userMessage(error))),
    items: [
      {
        label: `$(edit) ${vscode.l10n.t('Edit and Retry')}`,
        value: 'retry' as const,
        detail: vscode.l10n.t('Reopen the wizard with your answers'),
      },
      { label: `$(close) ${vscode.l10n.t('Cancel')}`, value: 'cancel' as const },
    ],
  });
  return choice === 'retry';
}

/**
 * The outcome is still unknown after looking for the pod: no retry (it may exist), Look Again or Close.
 * Resolves with the outcome of one more look; throws CancelledError when the user closes.
 */
export async function askWhenUnknown<P extends Pod>(
  services: Services,
  run: CreateRun<P>,
  outcome: Extract<CreateOutcome<P>, { kind: 'unknown' }>,
): Promise<CreateOutcome<P>> {
  services.log.error(
    `Create ${run.noun} "${run.name ?? '?'}": outcome unknown: ${describeForLog(outcome.error)}` +
      (outcome.looks === 0
        ? '; it has no name to look it up by'
        : `; not found in ${outcome.looks} looks` +
          (outcome.lookupError !== undefined ? `, the last failed: ${describeForLog(outcome.lookupError)}` : '')),
  );
  const args = [run.noun, displayText(run.name ?? '?'), run.cloud, displayText(userMessage(outcome.error))] as const;
  const message =
    outcome.looks > 1 && outcome.lookupError === undefined
      ? vscode.l10n.t(
          'The {0} "{1}" may or may not have been created on {2} ({3}); {2} has not listed it yet. It is not sent again, so you are not billed twice.',
          ...args,
        )
      : vscode.l10n.t(
          'The {0} "{1}" may or may not have been created on {2} ({3}). It is not sent again, so you are not billed twice.',
          ...args,
        );
  const name = run.name;
  const choice = name
    ? await services.ui.pick({
        id: 'createUnknown',
        title: message,
        items: [
          {
            label: `$(search) ${vscode.l10n.t('Look Again')}`,
            value: 'look',
            detail: vscode.l10n.t('Ask {0} whether "{1}" exists', run.cloud, displayText(name)),
          },
          {
            label: `$(close) ${vscode.l10n.t('Close')}`,
            value: 'close',
            detail: vscode.l10n.t('The tree shows it once {0} lists it', run.cloud),
          },
        ],
      })
    : undefined;
  if (choice === 'look' && name) {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for "{0}"…', displayText(name)) },
      () => lookForCreated(run, outcome.error, { clock: services.clock, looksAfterMs: [0] }),
    );
  }
  void services.workbench.showWarning(message);
  void services.data.refresh(run.accountId);
  throw new CancelledError();
}
