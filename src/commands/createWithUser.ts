import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { CancelledError, userMessage } from '../core/errors';
import { type CreateAttempt, type CreateOutcome, lookForCreated, settleCreate } from '../core/createOutcome';
import type { Answers, CreateContext, CreateForm } from '../core/createForm';
import type { Pod } from '../core/model';
import { describeForLog } from '../services/log';
import { runWizard, type WizardOptions } from '../ui/wizard';
import { reportError } from './runCommand';
import type { Services } from './services';

export interface CreateRun<P extends Pod> extends CreateAttempt<P> {
  accountId: string;
  /** For messages: "GPUGeek", and what is made ("pod", "virtual machine"). */
  cloud: string;
  noun: string;
  /** Notification title while the request runs. */
  progress: string;
}

/**
 * Sends one create and settles it with the user (the decisions are in core/createOutcome). Resolves with the
 * pod (made, or found after an unclear failure), or 'retry' when the cloud certainly made nothing and the user
 * wants to edit and try again. Never offers a retry while the pod may exist.
 */
export async function createWithUser<P extends Pod>(services: Services, run: CreateRun<P>): Promise<P | 'retry'> {
  let outcome: CreateOutcome<P> = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: run.progress },
    () => settleCreate(run),
  );
  for (;;) {
    switch (outcome.kind) {
      case 'created':
        return outcome.pod;
      case 'found':
        services.log.warn(
          `Create ${run.noun} "${run.name}": the cloud answered ${describeForLog(outcome.error)}, but it exists (${outcome.pod.id}); carrying on with it, nothing sent again.`,
        );
        void services.workbench.showWarning(
          vscode.l10n.t(
            '{0} answered the create with an error ({1}), but "{2}" exists; it is used, and nothing was sent again.',
            run.cloud,
            displayText(userMessage(outcome.error)),
            displayText(run.name ?? ''),
          ),
        );
        return outcome.pod;
      case 'notCreated': {
        reportError(services, `create ${run.noun}`, outcome.error);
        const choice = await services.ui.pick({
          id: 'createFailed',
          title: vscode.l10n.t(
            '{0} did not create the {1}: {2}',
            run.cloud,
            run.noun,
            displayText(userMessage(outcome.error)),
          ),
          items: [
            {
              label: `$(edit) ${vscode.l10n.t('Edit and Retry')}`,
              value: 'retry',
              detail: vscode.l10n.t('Reopen the wizard with your answers'),
            },
            { label: `$(close) ${vscode.l10n.t('Cancel')}`, value: 'cancel' },
          ],
        });
        if (choice === 'retry') return 'retry';
        throw new CancelledError();
      }
      case 'unknown': {
        services.log.error(
          `Create ${run.noun} "${run.name ?? '?'}": outcome unknown: ${describeForLog(outcome.error)}` +
            (outcome.lookupError !== undefined
              ? `; looking it up failed too: ${describeForLog(outcome.lookupError)}`
              : '; it has no name to look it up by'),
        );
        const message = vscode.l10n.t(
          'The {0} "{1}" may or may not have been created on {2} ({3}). It is not sent again, so you are not billed twice.',
          run.noun,
          displayText(run.name ?? '?'),
          run.cloud,
          displayText(userMessage(outcome.error)),
        );
        const choice = run.name
          ? await services.ui.pick({
              id: 'createUnknown',
              title: message,
              items: [
                {
                  label: `$(search) ${vscode.l10n.t('Look Again')}`,
                  value: 'look',
                  detail: vscode.l10n.t('Ask {0} whether "{1}" exists', run.cloud, displayText(run.name)),
                },
                {
                  label: `$(close) ${vscode.l10n.t('Close')}`,
                  value: 'close',
                  detail: vscode.l10n.t('The tree shows it once {0} lists it', run.cloud),
                },
              ],
            })
          : undefined;
        if (choice === 'look' && run.name) {
          const error = outcome.error;
          outcome = await vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: vscode.l10n.t('Looking for "{0}"…', displayText(run.name)),
            },
            () => lookForCreated(run, error),
          );
          continue;
        }
        void services.workbench.showWarning(message);
        void services.data.refresh(run.accountId);
        throw new CancelledError();
      }
    }
  }
}

export interface WizardCreate<P extends Pod> extends Omit<CreateRun<P>, 'create' | 'name'> {
  form(): CreateForm<P>;
  ctx: CreateContext;
  wizard: Omit<WizardOptions, 'previous' | 'log'>;
}

/**
 * The create wizard, then one create settled with the user; a refusal reopens the wizard on the same answers
 * until the user makes something or gives up. Pods and VMs share it.
 */
export async function createThroughWizard<P extends Pod>(services: Services, run: WizardCreate<P>): Promise<P> {
  let previous: Answers | undefined;
  for (;;) {
    const form = run.form();
    const answers = await runWizard(services.ui, form, run.ctx, {
      ...run.wizard,
      previous,
      log: (message) => services.log.warn(message),
    });
    if (!answers) throw new CancelledError();
    previous = answers;
    const result = await createWithUser(services, {
      ...run,
      create: () => form.create(answers, run.ctx),
      name: typeof answers.name === 'string' ? answers.name : undefined,
    });
    if (result !== 'retry') return result;
  }
}
