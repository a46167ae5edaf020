import type { Services } from './services';

/** Remote-SSH, terminal and SSH-entry commands (filled in with the SSH feature). */
export const sshCommands: Record<string, (services: Services, arg?: unknown) => unknown> = {};
