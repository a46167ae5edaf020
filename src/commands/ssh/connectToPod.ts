import * as vscode from 'vscode';
import { settings } from '../../services/settings';
import { offerConnectCloud } from '../offerConnect';
import type { Services } from '../services';
import { connect } from './sshCommands';

/**
 * "Connect to a GPU Pod…", in the Remote indicator menu (the `><` in the status bar) where Remote-SSH users
 * look first: the running pods and VMs of every account, then the stopped pods their clouds can start (marked
 * "will be started"), then the same path as "Connect with Remote-SSH".
 */
export async function connectToPod(services: Services): Promise<void> {
  if (services.accounts.list().length === 0) return offerConnectCloud(services);
  await connect(
    services,
    undefined,
    settings.remoteOpenIn() === 'newWindow',
    vscode.l10n.t('No GPU pod is running or can be started. Create one, then connect to it.'),
  );
}
