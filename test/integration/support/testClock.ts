import type { Clock } from '../../../src/core/clock';

interface Timer {
  /** The clock's time at which it fires. */
  due: number;
  fn(): void;
  real?: ReturnType<typeof setTimeout>;
}

/**
 * The clock the integration suite's test entry builds GPU Pods with (GPU Pods never knows it is under test).
 * It reads the system's time until a suite speeds it up: `speedUp(50)` makes a minute pass in 1.2 s for
 * everything GPU Pods times (the sampler's rounds, idle rules, stop timers, waits, polling), the way the
 * simulator's `timeScale` speeds up the clouds; pending timers are re-armed at the new pace. `backToSystemTime()`
 * ends that: the system's pace, and its time again (the lead is taken back as a step, so the next suites
 * compare the clouds' timestamps with the right now). `step(ms)` moves the wall clock as NTP or a restored
 * snapshot would: timers keep the time they had left.
 */
export class TestClock implements Clock {
  private rate = 1;
  private realAnchor = Date.now();
  private anchor = this.realAnchor;
  private readonly timers = new Set<Timer>();

  readonly now = (): number => this.anchor + (Date.now() - this.realAnchor) * this.rate;

  readonly setTimeout = (fn: () => void, ms: number): unknown => {
    const timer: Timer = { due: this.now() + Math.max(0, ms || 0), fn };
    this.timers.add(timer);
    this.arm(timer);
    return timer;
  };

  readonly clearTimeout = (handle: unknown): void => {
    const timer = handle as Timer;
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer.real);
  };

  /** From now on time runs `rate` times as fast as the system's (1: back to the system's pace). */
  speedUp(rate: number): void {
    this.anchor = this.now();
    this.realAnchor = Date.now();
    this.rate = rate;
    for (const timer of this.timers) this.arm(timer);
  }

  /** The system's pace and time again; timers keep the time they had left. */
  backToSystemTime(): void {
    const lead = this.now() - Date.now();
    this.speedUp(1);
    this.step(-lead);
  }

  /** The wall clock is set by `ms` (negative: back); timers keep the time they had left. */
  step(ms: number): void {
    this.anchor += ms;
    for (const timer of this.timers) timer.due += ms;
  }

  private arm(timer: Timer): void {
    clearTimeout(timer.real);
    timer.real = setTimeout(
      () => {
        this.timers.delete(timer);
        timer.fn();
      },
      Math.max(0, (timer.due - this.now()) / this.rate),
    );
  }
}
