import type { PaletteFacts } from '../core/capabilities';
import type { RateLimit } from '../core/keyGate';

/**
 * A cloud's static facts: what the extension shows and reads before any of the cloud's code is loaded.
 * Each cloud states them in its own `src/providers/<cloud>/info.ts`, which holds no client code (it is bundled
 * into the main bundles; the build's bundle guard fails when anything else of a cloud's folder is).
 */
export interface CloudInfo<Id extends string = string> {
  id: Id;
  displayName: string;
  /** Where the user gets a key; shown in the key prompt. */
  keyHelp: string;
  keyPlaceholder: string;
  /** Base URL names with the real cloud's URLs; each is the setting `gpuPods.<cloud>.<name>Url`. */
  baseUrls: Record<string, string>;
  accountOptions: AccountOption[];
  /** Settings `gpuPods.<cloud>.<name>` passed to the provider as options (Yotta's apiVersion). */
  settingOptions: string[];
  /** The cloud's limits per API key; every request of an account waits for them (core/keyGate.ts). */
  rateLimit: RateLimit;
  /**
   * For clouds that take the SSH key only at create: where the user adds it to a pod made without it
   * (shown, through l10n, when the key is refused). Without it the hint says "~/.ssh/authorized_keys".
   */
  keyLoginHint?: string;
  /**
   * The cloud console's billing page (a fixed https URL, never one a cloud sends), offered by the low-balance
   * warning on clouds that publish a balance.
   */
  billingPage?: string;
  /**
   * What the cloud's provider can do, as the command palette needs it at activation, when no provider is
   * loaded (src/views/paletteKeys.ts). test/unit/registry/paletteFacts.test.ts checks it against the operations
   * the provider implements.
   */
  palette: PaletteFacts;
}

/** An account setting asked for when the account is connected (NeevCloud's org and project). */
export interface AccountOption {
  id: string;
  title: string;
  prompt: string;
  required: boolean;
}

/**
 * For clouds that publish no limits: Yotta's lowest plan (60/min, 5 operations), the only figures any of our
 * clouds documents. It is far above what the tree needs when pods are stable (a few requests a minute) and
 * keeps bursts while pods change state at a rate no cloud we know of refuses.
 */
export const UNDOCUMENTED_LIMIT: RateLimit = { perMinute: 60, concurrentOperations: 5 };

/** Seconds between background refreshes of a cloud's accounts unless `gpuPods.<cloud>.pollInterval` says. */
export const DEFAULT_POLL_SECONDS = 60;

/** A setting every account of the cloud reads, `gpuPods.<cloud>.<name>`; `default` where the registry fixes it. */
export interface CloudSetting {
  name: string;
  default?: string | number;
}

/** The setting name of a base URL (`base` → `baseUrl`, `inventory` → `inventoryUrl`). */
export function baseUrlSetting(name: string): string {
  return `${name}Url`;
}

/**
 * Every per-cloud setting the extension reads: one per base URL, one per provider option, and the poll interval.
 * package.json must contribute exactly these (test/unit/registry/manifest.test.ts, scripts/checks/manifest.mjs).
 */
export function cloudSettings(info: CloudInfo): CloudSetting[] {
  return [
    ...Object.entries(info.baseUrls).map(([name, url]) => ({ name: baseUrlSetting(name), default: url })),
    ...info.settingOptions.map((name) => ({ name })),
    { name: 'pollInterval', default: DEFAULT_POLL_SECONDS },
  ];
}
