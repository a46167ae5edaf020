import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { jupyterServerRoot } from '../core/jupyterUrl';
import { jupyterPossible } from '../core/capabilities';
import { CLOUDS } from '../providers/clouds';
import type { AccountData } from './accountData';
import type { PodSecrets } from './podSecrets';
import type { ProviderManager } from './providerManager';

/**
 * Running pods as Jupyter servers in a notebook's kernel picker, through the Jupyter extension's public
 * API (`createJupyterServerCollection`). The shapes below are the few fields of that API we use; no
 * dependency is added for them.
 */
interface JupyterServer {
  readonly id: string;
  readonly label: string;
  readonly connectionInformation?: { readonly baseUrl: vscode.Uri; readonly token?: string };
}
export interface JupyterServerProvider {
  onDidChangeServers?: vscode.Event<void>;
  provideJupyterServers(token: vscode.CancellationToken): Promise<JupyterServer[]>;
  resolveJupyterServer(server: JupyterServer, token: vscode.CancellationToken): Promise<JupyterServer>;
}
interface JupyterApi {
  createJupyterServerCollection(id: string, label: string, provider: JupyterServerProvider): vscode.Disposable;
}

export const JUPYTER_EXTENSION = 'ms-toolsai.jupyter';

export class JupyterServers implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private collection?: vscode.Disposable;

  readonly provider: JupyterServerProvider = {
    onDidChangeServers: this.changed.event,
    provideJupyterServers: async () =>
      this.data
        .allPods()
        .filter(({ account, pod }) => jupyterPossible(this.data.snapshot(account.id)?.capabilities, pod))
        .map(({ account, pod }) => ({
          id: `${account.id}/${pod.id}`,
          label: `${displayText(pod.name || pod.id)} · ${CLOUDS[account.cloud].displayName} (${account.label})`,
        })),
    resolveJupyterServer: async (server) => {
      const [accountId, podId] = server.id.split('/');
      const entry = this.data.allPods().find(({ account, pod }) => account.id === accountId && pod.id === podId);
      if (!entry) throw new Error(vscode.l10n.t('This pod is no longer listed.'));
      const provider = await this.providers.get(entry.account);
      const pod = (await provider.getPod(podId)) ?? entry.pod;
      const url = pod.jupyter ? jupyterServerRoot(pod.jupyter.url) : undefined;
      if (!url)
        throw new Error(vscode.l10n.t('"{0}" has no Jupyter server reachable yet.', displayText(pod.name || pod.id)));
      const token = pod.jupyter?.token ?? (await this.podSecrets.getJupyterPassword(entry.account.cloud, pod.id));
      return { ...server, connectionInformation: { baseUrl: vscode.Uri.parse(url.toString(), true), token } };
    },
  };

  constructor(
    private readonly data: AccountData,
    private readonly providers: ProviderManager,
    private readonly podSecrets: PodSecrets,
  ) {
    this.disposables.push(data.onDidChange(() => this.changed.fire()));
    // Registering activates the Jupyter extension, so wait until the user works with a notebook.
    if (vscode.workspace.notebookDocuments.length > 0) void this.register();
    else this.disposables.push(vscode.workspace.onDidOpenNotebookDocument(() => void this.register()));
  }

  /** Registers the collection once, when the Jupyter extension is installed. */
  async register(): Promise<boolean> {
    if (this.collection) return true;
    const ext = vscode.extensions.getExtension<JupyterApi>(JUPYTER_EXTENSION);
    if (!ext) return false;
    const api = ext.isActive ? ext.exports : await ext.activate();
    if (typeof api?.createJupyterServerCollection !== 'function') return false;
    this.collection = api.createJupyterServerCollection('gpuPods', 'GPU Pods', this.provider);
    this.disposables.push(this.collection);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
