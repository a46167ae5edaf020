import * as vscode from 'vscode';
import type { Answers, CreateForm } from '../../core/createForm';
import { CancelledError } from '../../core/errors';
import { specFromAnswers } from '../../core/specAnswers';
import { parseSpec, specText } from '../../core/workspaceSpec';
import { SPEC_PATH } from '../../core/workspaceSpecPath';
import type { Account } from '../../services/accounts';
import { reportError } from '../runCommand';
import type { Services } from '../services';
import { hasSpec, pickFolder, writeSpecAtomically } from './workspaceSpecFile';

/**
 * The summary's "Save These Answers to the Workspace", for a form that maps its answers back (`prefillOf`) while
 * a folder is open; undefined otherwise (the summary then offers no such line). The file holds no secret value:
 * a secret variable is saved by the name its value is kept under.
 */
export function saveAnswersToWorkspace(
  services: Services,
  account: Account,
  form: () => Pick<CreateForm, 'prefillOf'>,
): ((answers: Answers) => Promise<void>) | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0 || !form().prefillOf) return undefined;
  return async (answers) => {
    try {
      const folder = await pickFolder(services.ui, folders, vscode.l10n.t('Save the pod spec in which folder?'));
      const { spec, madeSecret } = specFromAnswers(form(), answers, { cloud: account.cloud, account: account.label });
      const text = specText(spec);
      const checked = parseSpec(text);
      if ('problems' in checked) {
        services.log.warn(`Workspace spec not saved: ${checked.problems.join('; ')}`);
        void services.workbench.showError(
          vscode.l10n.t('These answers do not make a complete pod spec: {0}', checked.problems.join('; ')),
        );
        return;
      }
      if (
        (await hasSpec(folder)) &&
        !(await services.ui.confirm({
          id: 'specOverwrite',
          message: vscode.l10n.t('Replace the pod spec in "{0}"?', folder.name),
          detail: vscode.l10n.t('{0} already exists; its content will be replaced by these answers.', SPEC_PATH),
          confirm: vscode.l10n.t('Replace'),
        }))
      )
        return;
      await writeSpecAtomically(folder, text);
      services.log.info(`Workspace spec saved in ${folder.name} (${account.cloud}).`);
      void services.workbench.showInfo(
        madeSecret.length
          ? vscode.l10n.t(
              'Saved to {0}. {1} saved by secret name only: keep its value under that name before creating from the spec.',
              SPEC_PATH,
              madeSecret.join(', '),
            )
          : vscode.l10n.t('Saved to {0}.', SPEC_PATH),
      );
    } catch (error) {
      if (!(error instanceof CancelledError)) reportError(services, 'saveAnswersToWorkspace', error);
    }
  };
}
