import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { CancelledError } from '../core/errors';
import { type CreateOutcome, settleCreate } from '../core/createOutcome';
import type { Answers, CreateContext, CreateForm } from '../core/createForm';
import type { Pod } from '../core/model';
import { runWizard, type WizardOptions } from '../ui/wizard';
import { askAfterRefusal, askWhenUnknown, type CreateRun, reportFound } from './createSettling';
import type { Services } from './services';

/**
 * Sends one create and settles it with the user (the decisions are in core/createOutcome). Resolves with the
 * pod (made, or found after an unclear failure), or 'retry' when the cloud documented that it made nothing and
 * the user wants to edit and try again. Never offers a retry while the pod may exist; while an unclear create
 * is looked for (up to two minutes), the progress says so.
 */
export async function createWithUser<P extends Pod>(services: Services, run: CreateRun<P>): Promise<P | 'retry'> {
  let outcome: CreateOutcome<P> = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: run.progress },
    (progress) =>
      settleCreate(run, {
        clock: services.clock,
        onLook: (look, of) =>
          progress.report({
            message: vscode.l10n.t(
              'no clear answer; checking whether "{0}" was created ({1} of {2})…',
              displayText(run.name ?? ''),
              look,
              of,
            ),
          }),
      }),
  );
  for (;;) {
    switch (outcome.kind) {
      case 'created':
        return outcome.pod;
      case 'found':
        reportFound(services, run, outcome.pod, outcome.error);
        return outcome.pod;
      case 'notCreated':
        if (await askAfterRefusal(services, run, outcome.error)) return 'retry';
        throw new CancelledError();
      case 'unknown':
        outcome = await askWhenUnknown(services, run, outcome);
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
  const refused: string[] = [];
  for (;;) {
    const form = run.form();
    const answers = await runWizard(services.ui, form, run.ctx, {
      ...run.wizard,
      previous,
      log: (message) => services.log.warn(message),
    });
    if (!answers) throw new CancelledError();
    previous = answers;
    const name = typeof answers.name === 'string' ? answers.name : undefined;
    const result = await createWithUser(services, {
      ...run,
      create: () => form.create(answers, run.ctx),
      name,
      refusedBefore: refused,
    });
    if (result !== 'retry') return result;
    if (name) refused.push(name);
  }
}
