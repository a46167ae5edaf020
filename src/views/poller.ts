import type * as vscode from 'vscode';
import type { AccountData } from '../services/accountData';
import type { AccountStore } from '../services/accounts';
import { settings } from '../services/settings';

/**
 * Refreshes accounts only while the view is visible: every few seconds while a pod is changing state,
 * at the cloud's slow interval when all are stable, and not before a rate-limit back-off has passed.
 * A tick is cheap: it only checks which accounts are due.
 */
export class Poller implements vscode.Disposable {
  private timer?: ReturnType<typeof setInterval>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly accounts: AccountStore,
    private readonly data: AccountData,
    private readonly tickMs = 1000,
  ) {
    this.disposables.push(view.onDidChangeVisibility(() => this.update()));
    this.update();
  }

  private update(): void {
    if (this.view.visible && !this.timer) this.timer = setInterval(() => this.tick(), this.tickMs);
    if (!this.view.visible && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const account of this.accounts.list()) {
      const s = this.data.snapshot(account.id);
      if (!s?.loadedAt || this.data.isRefreshing(account.id)) continue; // never loaded: the tree loads it when shown
      if (s.backoffUntil && now < s.backoffUntil) continue;
      const seconds = this.data.isChanging(account.id)
        ? settings.fastPollSeconds()
        : settings.slowPollSeconds(account.cloud);
      if (now - s.loadedAt >= seconds * 1000) void this.data.refresh(account.id, { background: true });
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
