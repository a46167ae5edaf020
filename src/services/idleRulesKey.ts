/** Where the idle rules live in global state (read at activation, without loading GPU Pods). */
export const IDLE_RULES_KEY = 'gpuPods.idleRules';
/** Where the delete-when-stopped rules live in global state (read at activation too: they run from startup). */
export const STOPPED_RULES_KEY = 'gpuPods.stoppedRules';
/** Since when each stopped pod has been stopped, as GPU Pods saw it (core/stoppedSince.ts). */
export const STOPPED_SINCE_KEY = 'gpuPods.stoppedSince';
