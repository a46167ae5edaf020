import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { CloudId } from '../core/model';
import type { AccountData } from '../services/accountData';
import type { AccountStore } from '../services/accounts';

export interface PollerOptions {
  view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  accounts: Pick<AccountStore, 'list'>;
  data: Pick<AccountData, 'snapshot' | 'isRefreshing' | 'isChanging' | 'refresh'>;
  /** Seconds between refreshes while something changes state, and the cloud's interval when all is stable. */
  fastSeconds(): number;
  slowSeconds(cloud: CloudId): number;
  clock: Clock;
  tickMs?: number;
}

/**
 * Refreshes accounts only while the view is visible: every few seconds while something in an account (a pod,
 * VM, volume or serverless endpoint) is changing state, at the cloud's slow interval once everything has
 * reached its end state, and not before a rate-limit back-off has passed. A tick is cheap: it only checks
 * which accounts are due.
 */
export class Poller implements vscode.Disposable {
  private timer?: unknown;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly clock: Clock;
  private readonly tickMs: number;

  constructor(private readonly o: PollerOptions) {
    this.clock = o.clock;
    this.tickMs = o.tickMs ?? 1000;
    this.disposables.push(o.view.onDidChangeVisibility(() => this.update()));
    this.update();
  }

  private update(): void {
    if (this.o.view.visible && this.timer === undefined && !this.disposed) this.schedule();
    if (!this.o.view.visible && this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.tick();
      this.update();
    }, this.tickMs);
  }

  private tick(): void {
    const now = this.clock.now();
    const { data } = this.o;
    for (const account of this.o.accounts.list()) {
      const s = data.snapshot(account.id);
      if (!s?.loadedAt || data.isRefreshing(account.id)) continue; // never loaded: the tree loads it when shown
      if (s.backoffUntil && now < s.backoffUntil) continue;
      const seconds = data.isChanging(account.id) ? this.o.fastSeconds() : this.o.slowSeconds(account.cloud);
      if (now - s.loadedAt >= seconds * 1000) void data.refresh(account.id, { background: true });
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
