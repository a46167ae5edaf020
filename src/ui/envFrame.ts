import type { EnvVault } from '../core/envVault';
import type { UserInput } from './prompts';

/** Where the environment step sits in its wizard: every prompt it opens carries the same title and counter. */
export interface EnvFrame {
  ui: UserInput;
  /** "Create pod on Novita AI: Environment and start command". */
  title: string;
  step?: number;
  totalSteps?: number;
  /** Saved sets and secrets of this account; without it the step offers plain variables only. */
  vault?: EnvVault;
  /** Said in the list's placeholder: why a prefilled step is not complete (Create Pod Like This…). */
  note?: string;
}

/** The common part of every prompt the step opens inside itself (Back returns to the step's list). */
export function framePrompt(frame: EnvFrame, id: string) {
  return { id, title: frame.title, step: frame.step, totalSteps: frame.totalSteps, canGoBack: true };
}
