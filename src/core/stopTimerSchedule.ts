import type { Clock } from './clock';
import { ClockSteps } from './clockSteps';
import { type IdlePhase, type IdleTimer, nextChange, phaseOf, timersAfterMove } from './idleTimers';

/** Even a far-off timer is looked at this often, so a laptop waking from sleep acts within a minute. */
export const MAX_SLEEP_MS = 60_000;

/** Where the timers are kept (global state): absolute times, so a reload keeps them. */
export interface TimerStore {
  read(): IdleTimer[];
  write(timers: IdleTimer[]): PromiseLike<void>;
}

export interface StopTimerScheduleOptions {
  clock: Clock;
  store: TimerStore;
  /** The grace period after a warning; 0 where it is not known yet (startup's wake-up then wakes at once). */
  graceMs(): number;
  /** Called when a timer may have changed phase, and at least once a minute while one is pending. */
  wake(): void;
}

/**
 * When the stop timers and reminders are due, on one clock: one timer waits for the next phase change (at
 * most a minute), and every look at the phases first takes a clock step into the stored due times (the rule
 * is in core/clockSteps.ts). No vscode here: the idle guard (services/idleGuard.ts) and startup's wake-up
 * share it, and the unit tests step its clock.
 */
export class StopTimerSchedule {
  private readonly steps: ClockSteps;
  private timeout?: unknown;

  constructor(private readonly o: StopTimerScheduleOptions) {
    // Two sleeps without a look is more than a late timer: the clock jumped.
    this.steps = new ClockSteps(o.clock, 2 * MAX_SLEEP_MS);
  }

  list(): IdleTimer[] {
    return this.o.store.read();
  }

  async save(timers: IdleTimer[]): Promise<void> {
    await this.o.store.write(timers);
    this.schedule();
  }

  /** Every timer with its phase now, after the stored times took in any clock step since the last look. */
  async phases(): Promise<Array<{ timer: IdleTimer; phase: IdlePhase }>> {
    const now = await this.look();
    const grace = this.o.graceMs();
    return this.list().map((timer) => ({ timer, phase: phaseOf(timer, now, grace) }));
  }

  /** The clock now; a step since the last look is first taken into the stored times. */
  async look(): Promise<number> {
    const move = this.steps.look();
    const moved = timersAfterMove(this.list(), move);
    if (moved) await this.o.store.write(moved);
    return move.now;
  }

  /** Waits for the next phase change, or a minute, whichever comes first. */
  schedule(): void {
    this.cancel();
    const now = this.o.clock.now();
    const next = nextChange(this.list(), now, this.o.graceMs());
    if (next === undefined) return;
    this.timeout = this.o.clock.setTimeout(
      () => {
        this.timeout = undefined;
        this.o.wake();
      },
      Math.min(MAX_SLEEP_MS, Math.max(0, next - now)),
    );
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timeout !== undefined) this.o.clock.clearTimeout(this.timeout);
    this.timeout = undefined;
  }
}
