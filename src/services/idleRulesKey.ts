/** Where the idle rules live in global state (read at activation, without loading GPU Pods). */
export const IDLE_RULES_KEY = 'gpuPods.idleRules';
