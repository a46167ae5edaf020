import { ALIAS_PREFIX } from '../core/ssh/alias';

/*
 * The context keys the walkthrough's steps complete on (package.json `completionEvents`: `onContext:<key>`).
 * Each is set when the step's event really happened — an account stored (its key checked), a pod created, a
 * Remote-SSH window opened on a pod — never when the step's command merely ran: a dismissed cloud picker or
 * a missing Remote-SSH extension ticks nothing. Pure (no vscode import): a unit test holds the manifest to it.
 */
export const WALKTHROUGH_KEYS = {
  /** Set by startup from the stored accounts (src/views/paletteKeys.ts). */
  connect: 'gpuPods.hasAccounts',
  create: 'gpuPods.walkthrough.podCreated',
  ssh: 'gpuPods.walkthrough.remoteSshOpened',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_KEYS;

/**
 * Whether this window is a Remote-SSH window on a GPU Pods host (`ssh-remote+gpupods-…`): the step is done
 * there even when the window that asked for it was replaced before it could say so (current-window mode).
 */
export function isPodRemoteWindow(remoteName: string | undefined, folderAuthorities: readonly string[]): boolean {
  return remoteName === 'ssh-remote' && folderAuthorities.some((a) => a.startsWith(`ssh-remote+${ALIAS_PREFIX}`));
}
