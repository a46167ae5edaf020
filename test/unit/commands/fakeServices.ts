// A command's world in plain Node: accounts, their pods and clouds, scripted prompts and a workbench that
// records what the command asked of VS Code. Only what the commands under test read is filled in; anything
// else throws when touched, so a command that reaches further fails loudly instead of passing by accident.
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { CloudId, GpuOffer, Pod } from '../../../src/core/model';
import type { Provider } from '../../../src/core/provider';
import type { Services } from '../../../src/commands/services';
import type { Account } from '../../../src/services/accounts';
import type { UserInput } from '../../../src/ui/prompts';
import type { Workbench } from '../../../src/workbench/workbench';

/** What the command asked the workbench to do. */
export interface RecordedWorkbench extends Workbench {
  copied: string[];
  infos: Array<{ message: string; buttons: string[] }>;
  commands: Array<{ id: string; args: unknown[] }>;
  /** The button the next toasts are answered with (undefined: dismissed). */
  answer?: string;
}

export function recordingWorkbench(): RecordedWorkbench {
  const refused = (what: string) => () => {
    throw new Error(`the command under test asked the workbench to ${what}`);
  };
  const wb: RecordedWorkbench = {
    copied: [],
    infos: [],
    commands: [],
    copy: async (text) => void wb.copied.push(text),
    showInfo: async (message, ...buttons) => (wb.infos.push({ message, buttons }), wb.answer),
    executeCommand: async (id, ...args) => void wb.commands.push({ id, args }),
    openExternal: refused('open a URL'),
    openSimpleBrowser: refused('open the Simple Browser'),
    openFolder: refused('open a folder'),
    installedExtension: refused('look for an extension'),
    installExtension: refused('install an extension'),
    showError: refused('show an error'),
    showWarning: refused('show a warning'),
  };
  return wb;
}

export function fakePod(cloud: CloudId, id: string, name: string, status: Pod['status'] = 'running'): Pod {
  return { cloud, kind: 'pod', id, name, status, rawStatus: status, ports: [], details: [] };
}

/** A connected account's cloud: its pods, offers and alerts; it can stop and terminate. */
export function fakeProvider(
  cloud: CloudId,
  o: { pods?: Pod[]; offers?: GpuOffer[]; alerts?: Provider['alerts'] } = {},
) {
  const pods = o.pods ?? [];
  const provider: Provider = {
    cloud,
    facts: { stopWord: 'stop', terminateWord: 'delete', sshAuth: 'accountKey', jupyter: false },
    podActions: new Set(['stop', 'terminate']),
    allows: () => true,
    listPods: async () => pods,
    getPod: async (id) => pods.find((p) => p.id === id),
    podAction: async () => undefined,
    findPodsByName: async (name) => pods.filter((p) => p.name === name),
    createForm: () => {
      throw new Error('no create here');
    },
    listOffers: async () => o.offers ?? [],
    alerts: o.alerts,
  };
  return provider;
}

export interface FakeAccount {
  account: Account;
  provider: Provider;
}

export function fakeAccount(cloud: CloudId, label: string, provider = fakeProvider(cloud)): FakeAccount {
  return { account: { id: `${cloud}-${label}`, cloud, label, options: {} }, provider };
}

/** Services for commands that need the accounts' lists, their clouds, the prompts and the workbench port. */
export function fakeServices(o: {
  accounts?: FakeAccount[];
  ui?: UserInput;
  workbench?: Workbench;
  extensionId?: string;
  /** The SSH service, for the commands that reach it. */
  ssh?: Partial<Services['ssh']>;
  /** The clock and timing, for the commands that wait on a cloud. */
  clock?: Services['clock'];
  timing?: Partial<Services['timing']>;
}): Services {
  const accounts = o.accounts ?? [];
  const byId = (id: string) => accounts.find((a) => a.account.id === id);
  const pods = new Map<string, Pod[]>();
  const known = {
    accounts: {
      list: () => accounts.map((a) => a.account),
      get: (id: string) => byId(id)?.account,
    },
    providers: { get: async (account: Account) => byId(account.id)!.provider },
    data: {
      snapshot: (id: string) => {
        const a = byId(id);
        return a && pods.has(id) ? { pods: pods.get(id)!, capabilities: capabilitiesOf(a.provider) } : undefined;
      },
      refresh: async (id: string) => void pods.set(id, await byId(id)!.provider.listPods()),
      allPods: () => accounts.flatMap(({ account }) => (pods.get(account.id) ?? []).map((pod) => ({ account, pod }))),
      allVms: () => [],
      upsertPod: (id: string, pod: Pod) => pods.set(id, [...(pods.get(id) ?? []).filter((p) => p.id !== pod.id), pod]),
    },
    ui: o.ui ?? unscripted(),
    workbench: o.workbench ?? recordingWorkbench(),
    context: { extension: { id: o.extensionId ?? 'gpu-pods.gpu-pods' } },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ...(o.ssh && { ssh: o.ssh }),
    ...(o.clock && { clock: o.clock }),
    ...(o.timing && { timing: o.timing }),
  };
  return new Proxy(known, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      throw new Error(`the command under test reached services.${String(key)}, which this test does not fake`);
    },
  }) as unknown as Services;
}

/** Prompts that fail the test when a command asks anything. */
function unscripted(): UserInput {
  const asked = (what: string) => async () => {
    throw new Error(`the command asked a question (${what}) the test did not expect`);
  };
  return { pick: asked('pick'), input: asked('input'), confirm: asked('confirm') };
}
