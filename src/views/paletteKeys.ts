import type { PaletteFacts } from '../core/capabilities';

/*
 * The context keys the command palette's `when` clauses read (package.json `menus.commandPalette`), from the
 * connected accounts' clouds. Pure (no vscode import, unit-tested in plain Node) and fed with each cloud's
 * static palette facts, so activation sets them from the stored account list without loading any provider or
 * making any request. Keys name capabilities, never a cloud.
 */

/** `gpuPods.palette.<key>`: on when at least one connected account's cloud can do it. */
/** True while a workspace folder holds the pod spec (set by workbench/workspaceSpecKey.ts, not from the clouds). */
export const WORKSPACE_SPEC_KEY = 'gpuPods.workspaceHasSpec';

export const PALETTE_KEYS = [
  'pauses',
  'stops',
  'restarts',
  'terminates',
  /** Stops or pauses pods at all (idle rules act only there). */
  'stopsPods',
  'vms',
  'volumes',
  'endpoints',
  'ports',
  'alerts',
  'accountSettings',
  /** Registry credentials can be managed. */
  'credentials',
  /** Pods can be saved as images. */
  'imageSaves',
] as const;

export type PaletteKey = (typeof PALETTE_KEYS)[number];

/** What a connected account's cloud contributes: its palette facts and whether it has account settings. */
export interface PaletteCloud {
  palette: PaletteFacts;
  accountOptions: readonly unknown[];
}

function keysOf({ palette, accountOptions }: PaletteCloud): Record<PaletteKey, boolean> {
  const has = (a: PaletteFacts['podActions'][number]) => palette.podActions.includes(a);
  // Pause/Resume and Stop/Start are one action each: the palette shows the word the cloud uses.
  const stopsOrStarts = has('stop') || has('start');
  return {
    pauses: stopsOrStarts && palette.stopWord === 'pause',
    stops: stopsOrStarts && palette.stopWord === 'stop',
    restarts: has('restart'),
    terminates: has('terminate'),
    stopsPods: has('stop'),
    vms: palette.vms,
    volumes: palette.volumes,
    endpoints: palette.endpoints,
    ports: palette.ports,
    alerts: palette.alerts,
    accountSettings: accountOptions.length > 0,
    credentials: palette.credentials,
    imageSaves: palette.imageSaves,
  };
}

/** Every context key and its value: `gpuPods.hasAccounts`, then each `gpuPods.palette.<key>`. */
export function paletteContext(clouds: readonly PaletteCloud[]): Record<string, boolean> {
  const each = clouds.map(keysOf);
  const out: Record<string, boolean> = { 'gpuPods.hasAccounts': clouds.length > 0 };
  for (const key of PALETTE_KEYS) out[`gpuPods.palette.${key}`] = each.some((k) => k[key]);
  return out;
}
