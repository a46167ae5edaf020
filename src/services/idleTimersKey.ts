/** Where the idle guard keeps its timers in global state (read at activation, without loading the guard). */
export const IDLE_TIMERS_KEY = 'gpuPods.idleTimers';
