import { WALKTHROUGH_KEYS, type WalkthroughStep } from '../views/walkthroughKeys';
import { executeCommand } from '../workbench/vscodeCommands';

/** Ticks the walkthrough's step: its event really happened (see src/views/walkthroughKeys.ts). */
export function walkthroughStepDone(step: Exclude<WalkthroughStep, 'connect'>): Thenable<unknown> {
  return executeCommand('setContext', WALKTHROUGH_KEYS[step], true);
}
