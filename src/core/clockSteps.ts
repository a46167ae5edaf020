import type { Clock } from './clock';

/**
 * How the wall clock moved between two looks. Stop timers, reminders and idle-rule snoozes are stored as
 * absolute wall-clock times (so a reload keeps them); this is how they keep them when the clock itself moves.
 * The rule (also in CHANGELOG.md):
 *   - a step back is taken out of every stored due time, so each keeps the time it had left (give or take the
 *     minute between two looks): a clock set back an hour neither postpones a stop by an hour nor fires early;
 *   - a step back that happened while nobody looked (VS Code closed) is caught by the due time's own length:
 *     a due time is never further from now than its full length (it restarts at worst, it is never lost);
 *   - time that passes while the computer sleeps counts (the pod bills through it), so a due time that passed
 *     during a sleep is due at wake-up; but a warning's grace period restarts after such a jump, so a pod is
 *     stopped only after the user had the whole grace period awake to keep it.
 */
export interface ClockMove {
  now: number;
  /** How far the clock went back since the last look (0 when it did not). */
  backMs: number;
  /** How much more time passed since the last look than can pass between two looks: a sleep, or a step ahead. */
  aheadMs: number;
}

export class ClockSteps {
  private last?: number;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    /** The longest the owner goes without a look while it has something pending. */
    private readonly maxQuietMs: number,
  ) {}

  look(): ClockMove {
    const now = this.clock.now();
    const last = this.last;
    this.last = now;
    if (last === undefined) return { now, backMs: 0, aheadMs: 0 };
    return { now, backMs: Math.max(0, last - now), aheadMs: Math.max(0, now - last - this.maxQuietMs) };
  }
}

/**
 * A due time after the clock moved (see ClockSteps): moved back with the clock, and never more than `lengthMs`
 * ahead of now. Undefined stays undefined.
 */
export function keptDue(at: number, move: ClockMove, lengthMs: number): number;
export function keptDue(at: number | undefined, move: ClockMove, lengthMs: number): number | undefined;
export function keptDue(at: number | undefined, move: ClockMove, lengthMs: number): number | undefined {
  if (at === undefined) return undefined;
  return Math.min(at - move.backMs, move.now + lengthMs);
}
