import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError, CloudError } from '../../core/errors';
import type { Pod } from '../../core/model';
import type { VmAction, VmOps } from '../../core/provider';
import { CLOUDS } from '../../providers/clouds';
import { inputOne } from '../../ui/pickOne';
import { pickAccount, pickPod, type PodTarget } from '../pickTarget';
import { reportError } from '../runCommand';
import { createThroughWizard } from '../createWithUser';
import type { Services } from '../services';
import { waitWithProgress } from '../waitWithProgress';

/** Yotta virtual machines: create (the shared wizard), rename, terminate. */

function vmOps(target: PodTarget): VmOps {
  if (!target.provider.vms)
    throw new CloudError(
      vscode.l10n.t('{0} has no virtual machines.', CLOUDS[target.account.cloud].displayName),
      'UNSUPPORTED',
    );
  return target.provider.vms;
}

function pickVm(services: Services, arg: unknown, action: VmAction, title: string): Promise<PodTarget> {
  return pickPod(
    services,
    arg,
    (vm, caps) => caps.allowsVm(action, vm),
    title,
    vscode.l10n.t('No virtual machine where this can be done right now.'),
    'vms',
  );
}

export async function createVm(services: Services, arg?: unknown): Promise<Pod | undefined> {
  const account = await pickAccount(services, arg, (a) => !!services.data.snapshot(a.id)?.capabilities?.vms);
  const provider = await services.providers.get(account);
  if (!provider.vms) {
    void services.workbench.showInfo(vscode.l10n.t('{0} has no virtual machines.', CLOUDS[account.cloud].displayName));
    throw new CancelledError();
  }
  const ops = provider.vms;
  const cloud = CLOUDS[account.cloud].displayName;
  const ctx = { jupyterPassword: '' };
  const vm = await createThroughWizard(services, {
    form: () => ops.createForm(),
    ctx,
    wizard: {
      title: vscode.l10n.t('Create virtual machine on {0}', cloud),
      confirmLabel: vscode.l10n.t('Create virtual machine'),
    },
    accountId: account.id,
    cloud,
    noun: vscode.l10n.t('virtual machine'),
    progress: vscode.l10n.t('Creating virtual machine…'),
    findByName: async (name) => (await ops.list()).filter((v) => v.name === name),
    known: new Set(services.data.snapshot(account.id)?.vms?.map((v) => v.id)),
  });
  services.data.upsertPod(account.id, vm);
  void waitWithProgress(
    services,
    account.id,
    vscode.l10n.t('Starting "{0}"', displayText(vm.name || vm.id)),
    (signal) => ops.get(vm.id, signal),
    'running',
  ).then(
    () => services.data.refresh(account.id),
    (error) => reportError(services, 'createVm (waiting)', error),
  );
  return vm;
}

export async function renameVm(services: Services, arg?: unknown): Promise<void> {
  const target = await pickVm(services, arg, 'rename', vscode.l10n.t('Rename which virtual machine?'));
  const name = await inputOne(services.ui, {
    id: 'vmName',
    title: vscode.l10n.t('Rename "{0}"', displayText(target.pod.name)),
    value: target.pod.name,
    validate: (v) =>
      v.trim() === ''
        ? vscode.l10n.t('Enter a name.')
        : v.trim().length > 255
          ? vscode.l10n.t('At most 255 characters.')
          : undefined,
  });
  await vmOps(target).rename(target.pod.id, name.trim());
  await services.data.refresh(target.account.id);
}

export async function terminateVm(services: Services, arg?: unknown): Promise<void> {
  const target = await pickVm(services, arg, 'terminate', vscode.l10n.t('Terminate which virtual machine?'));
  const ok = await services.ui.confirm({
    id: 'confirmTerminateVm',
    message: vscode.l10n.t(
      'Terminate the virtual machine "{0}" on {1}?',
      displayText(target.pod.name || target.pod.id),
      CLOUDS[target.account.cloud].displayName,
    ),
    detail: vscode.l10n.t(
      'The machine and its local disks are deleted for good; billing for it stops. Mounted volumes are kept.',
    ),
    confirm: vscode.l10n.t('Terminate'),
  });
  if (!ok) throw new CancelledError();
  const ops = vmOps(target);
  await ops.terminate(target.pod.id);
  try {
    await waitWithProgress(
      services,
      target.account.id,
      vscode.l10n.t('Terminating "{0}"', displayText(target.pod.name || target.pod.id)),
      (signal) => ops.get(target.pod.id, signal),
      'gone',
    );
  } catch (e) {
    // Cancelling only stops the waiting: the cloud terminates the VM anyway, so its entry goes too.
    if (!(e instanceof CancelledError)) throw e;
  }
  await services.ssh.forget([{ cloud: target.account.cloud, id: `vm-${target.pod.id}` }]);
  await services.data.refresh(target.account.id);
}
