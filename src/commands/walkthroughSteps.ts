import { WALKTHROUGH_KEYS, type WalkthroughStep } from '../views/walkthroughKeys';
import type { Workbench } from '../workbench/workbench';

/** Ticks the walkthrough's step: its event really happened (see src/views/walkthroughKeys.ts). */
export function walkthroughStepDone(
  workbench: Pick<Workbench, 'executeCommand'>,
  step: Exclude<WalkthroughStep, 'connect'>,
): Thenable<unknown> {
  return workbench.executeCommand('setContext', WALKTHROUGH_KEYS[step], true);
}
