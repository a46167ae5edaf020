import type * as vscode from 'vscode';
import type { CloudId } from '../core/model';

/** Per-pod secrets we generate (the Jupyter password set at create), in SecretStorage only. */
export class PodSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(cloud: CloudId, podId: string): string {
    return `gpuPods.jupyter.${cloud}.${podId}`;
  }

  setJupyterPassword(cloud: CloudId, podId: string, password: string): Thenable<void> {
    return this.secrets.store(this.key(cloud, podId), password);
  }

  getJupyterPassword(cloud: CloudId, podId: string): Thenable<string | undefined> {
    return this.secrets.get(this.key(cloud, podId));
  }

  forget(cloud: CloudId, podId: string): Thenable<void> {
    return this.secrets.delete(this.key(cloud, podId));
  }
}
