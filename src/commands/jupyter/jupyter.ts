import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { ConfigError } from '../../core/errors';
import { jupyterOpenUrl } from '../../core/jupyterUrl';
import type { Pod } from '../../core/model';
import { type Capabilities, jupyterPossible } from '../../core/capabilities';
import { pickPod, type PodTarget } from '../pickTarget';
import { pickConnectTarget } from '../ssh/pickConnectTarget';
import { startBeforeConnect } from '../ssh/startBeforeConnect';
import { notificationProgress } from '../waitWithProgress';
import type { Services } from '../services';
import { settings } from '../../services/settings';

/**
 * The pod's Jupyter URL with its credential applied: the cloud's token (GPUGeek, Novita), or for Yotta the
 * password we generated at create (its images start Jupyter with that password as the token). Only http(s)
 * URLs ever reach openExternal.
 */
export async function jupyterUrl(services: Services, target: PodTarget): Promise<vscode.Uri> {
  const { account } = target;
  // Some clouds list pods without their Jupyter details: ask for the pod itself when they are missing.
  const pod = target.pod.jupyter ? target.pod : ((await target.provider.getPod(target.pod.id)) ?? target.pod);
  if (!pod.jupyter)
    throw new ConfigError(vscode.l10n.t('"{0}" has no Jupyter server reachable yet.', displayText(pod.name || pod.id)));
  const token = pod.jupyter.token ?? (await services.podSecrets.getJupyterPassword(account.cloud, pod.id));
  const url = jupyterOpenUrl(pod.jupyter.url, token);
  if (!url)
    throw new ConfigError(
      vscode.l10n.t(
        'The cloud gave "{0}" a Jupyter address that is not a plain http(s) URL; it was not opened.',
        displayText(pod.name || pod.id),
      ),
    );
  return vscode.Uri.parse(url.toString(), true);
}

/** Running, and with Jupyter known or possible (some clouds list pods without the Jupyter details). */
const running = (p: Pod, caps: Capabilities) => jupyterPossible(caps, p);

export async function openJupyter(services: Services, arg?: unknown): Promise<void> {
  const title = vscode.l10n.t('Open Jupyter on which pod?');
  let target = await pickConnectTarget(services, arg, 'jupyter', title);
  if (target.pod.status === 'stopped') {
    // Started first, after the user confirmed; followed until the running pod says where its Jupyter is.
    const ready = async (pod: Pod) => (pod.jupyter ? pod : undefined);
    const started = await startBeforeConnect(services, target, 'jupyter', ready, notificationProgress);
    target = { ...target, pod: started.pod };
  }
  const uri = await jupyterUrl(services, target);
  if (settings.jupyterOpenIn() === 'simpleBrowser') await services.workbench.openSimpleBrowser(uri.toString(true));
  else await services.workbench.openExternal(uri);
}

export async function copyJupyterUrl(services: Services, arg?: unknown): Promise<void> {
  const target = await pickPod(services, arg, running, vscode.l10n.t('Copy the Jupyter URL of which pod?'));
  await services.workbench.copy((await jupyterUrl(services, target)).toString(true));
  void services.workbench.showInfo(
    vscode.l10n.t('Jupyter URL copied (it contains the access token; keep it private).'),
  );
}
