import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from '../../src/core/clock';
import { Semaphore } from '../../src/core/concurrency';
import type { Provider } from '../../src/core/provider';
import { createYottaProvider } from '../../src/providers/yotta';
import { AccountData } from '../../src/services/accountData';
import type { Account, AccountStore } from '../../src/services/accounts';
import type { ProviderManager } from '../../src/services/providerManager';
import { settings } from '../../src/services/settings';
import { SshService } from '../../src/services/sshService';
import { createSimulator } from '../simulator';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, gpuPods, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, sshTrue, type SshSandbox } from './support/sshSandbox';

const USER_CONFIG = [
  '# my own hosts',
  'Host gpupods-yotta-alpha',
  '  HostName 192.0.2.50',
  '  User mine',
  '',
  'Host *',
  '  ServerAliveInterval 60',
  '',
].join('\n');
const ALPHA = '710000000000000001';
const BETA = '720000000000000002';

/** `ssh -G` through the user's config: what the name resolves to for ssh and Remote-SSH. */
function resolveHost(config: string, name: string): string {
  const r = spawnSync('ssh', ['-G', '-F', config, name], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/**
 * A second VS Code window (or profile) is a second extension instance with its own accounts. Two real windows
 * are impractical in the headless harness, so window B is a second SshService with its own AccountData and
 * accounts (one Yotta account on a second simulated Yotta), in the same VS Code, on the same SSH settings and
 * so the same host file as the real extension (window A).
 */
class SecondWindow {
  readonly account: Account = { id: 'window-b-acc', cloud: 'yotta', label: 'window-b', options: {} };
  readonly data: AccountData;
  readonly ssh: SshService;
  constructor(
    readonly provider: Provider,
    log: vscode.LogOutputChannel,
  ) {
    const accounts = {
      list: () => [this.account],
      get: (id: string) => (id === this.account.id ? this.account : undefined),
    } as unknown as AccountStore;
    const providers = { get: async () => provider } as unknown as ProviderManager;
    this.data = new AccountData(accounts, providers, log, systemClock);
    this.ssh = new SshService({ accounts, data: this.data, log, clock: systemClock, settings, providers });
  }
  dispose(): void {
    this.ssh.dispose();
    this.data.dispose();
  }
}

describe('SSH entries: user hosts, other windows, broken lists', function () {
  this.timeout(180_000);
  let backend: RealPodBackend;
  let simA: SimulatorHandle;
  let simB: ReturnType<typeof createSimulator>;
  let sandbox: SshSandbox;
  let windowB: SecondWindow;
  let accountA: Account;
  let aliasA = '';
  let aliasB = '';
  const hostFile = () => readFileSync(sandbox.hostFile, 'utf8');

  before(async () => {
    backend = await RealPodBackend.start();
    simA = await startSimulator({ timeScale: 0.02, backend });
    simA.sim.controls.yotta.setBudget(100_000);
    simB = createSimulator({ timeScale: 0.02, backend });
    simB.controls.yotta.setBudget(100_000);
    await simB.start();
    sandbox = await sshSandbox(USER_CONFIG);
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'window-a', apiKey: 'key-a' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    accountA = (await accountNode('yotta')).account!;
    const { services } = await gpuPods();
    const key = await services.ssh.ensureKey(new AutoInput({ createSshKey: true }));
    backend.authorizeKey(key.publicKey);
    const provider = createYottaProvider(
      { apiKey: 'key-b', baseUrls: { base: simB.baseUrl('yotta') }, options: {} },
      { logger: services.log, limiter: new Semaphore(5) },
    );
    windowB = new SecondWindow(provider, services.log);
  });
  after(async () => {
    windowB?.dispose();
    await disconnectAll();
    await sandbox?.dispose();
    await simB?.stop();
    await simA?.dispose();
    await backend?.stop();
  });

  it("a pod's alias never takes over a Host of the user's own config", async () => {
    simA.sim.controls.yotta.addPod({ id: ALPHA, name: 'alpha', status: 'RUNNING' });
    const pod = await waitForPodNode('yotta', 'alpha', 'running');
    const before = resolveHost(sandbox.userConfig, 'gpupods-yotta-alpha');
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    assert.equal(workbench.errors.length, 0, workbench.errors.join(' | '));
    const uri = workbench.folders[0]?.uri ?? '';
    aliasA = /ssh-remote\+([^/]+)/.exec(uri)?.[1] ?? '';
    assert.match(
      aliasA,
      /^gpupods-yotta-alpha-[0-9a-z]+$/,
      `Remote-SSH opens a name of ours, not the user's host (${uri})`,
    );
    assert.equal(resolveHost(sandbox.userConfig, 'gpupods-yotta-alpha'), before, "the user's host resolves as before");
    assert.match(before, /^user mine$/m);
    const login = sshTrue(sandbox.userConfig, aliasA);
    assert.equal(login.code, 0, `ssh to the pod failed: ${login.stderr}`);
  });

  it("two windows with different accounts of one cloud never remove each other's entries", async () => {
    simB.controls.yotta.addPod({ id: BETA, name: 'beta', status: 'RUNNING' });
    await windowB.data.refresh(windowB.account.id);
    const beta = windowB.data.snapshot(windowB.account.id)?.pods.find((p) => p.id === BETA);
    assert.ok(beta?.ssh, 'window B lists its pod');
    aliasB = (await windowB.ssh.prepare(beta, windowB.provider.facts, new AutoInput(), windowB.account)).entry.alias;
    assert.match(hostFile(), new RegExp(`# gpupods: yotta ${ALPHA} account=${accountA.id}\\s`));
    assert.match(hostFile(), new RegExp(`# gpupods: yotta ${BETA} account=${windowB.account.id}\\s`));

    // window A refreshes: its Yotta account does not list beta, but beta is not its to judge
    const { services } = await gpuPods();
    await services.data.refresh(accountA.id);
    await services.ssh.idle();
    await windowB.data.refresh(windowB.account.id);
    await windowB.ssh.idle();
    await services.ssh.removeStale();
    await windowB.ssh.removeStale();
    assert.ok(hostFile().includes(`Host ${aliasA}\n`), "window B kept window A's entry");
    assert.ok(hostFile().includes(`Host ${aliasB}\n`), "window A kept window B's entry");
    for (const alias of [aliasA, aliasB])
      assert.equal(sshTrue(sandbox.userConfig, alias).code, 0, `${alias} still logs in`);
  });

  it('a broken list answer keeps the entries; a pod that vanished goes once the cloud confirms it', async () => {
    const { services } = await gpuPods();
    // a list that parses but leaves every pod out
    simA.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: /^\/v2\/pods\/?$/,
      status: 200,
      body: { message: 'success', code: 10000, data: [] },
      times: 1,
    });
    const asked = simA.sim.requests.length;
    await services.data.refresh(accountA.id);
    await services.ssh.idle();
    const s = services.data.snapshot(accountA.id);
    assert.equal(s?.error, undefined, 'the broken answer was taken as a list');
    assert.equal(s?.pods.length, 0);
    assert.ok(hostFile().includes(`Host ${aliasA}\n`), 'the entry of a pod the cloud still has stays');
    assert.ok(
      simA.sim.requests.slice(asked).some((r) => r.method === 'GET' && r.path.endsWith(`/pods/${ALPHA}`)),
      'the cloud was asked about that one pod',
    );

    // now the pod is really gone (deleted outside VS Code): the next complete list and the cloud agree
    simA.sim.controls.yotta.state.pods.delete(ALPHA);
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.removeStaleSshEntries');
    assert.ok(!hostFile().includes(`Host ${aliasA}\n`), "the gone pod's entry is removed");
    assert.ok(
      workbench.infos.some((m) => m.includes(aliasA)),
      `the user is told which entry went: ${workbench.infos.join(' | ')}`,
    );
    assert.ok(hostFile().includes(`Host ${aliasB}\n`), "window B's entry is untouched");
    assert.match(resolveHost(sandbox.userConfig, 'gpupods-yotta-alpha'), /^user mine$/m);
  });

  it('ignores remote.SSH.configFile from the open folder; only the user value counts', async () => {
    const { services } = await gpuPods();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a folder is open');
    const gp = vscode.workspace.getConfiguration('gpuPods');
    const ours = gp.inspect<string>('ssh.configFile')?.globalValue;
    const evil = join(sandbox.dir, 'planted-by-a-repository');
    const settingsFile = join(folder, '.vscode', 'settings.json');
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ 'remote.SSH.configFile': evil }));
    try {
      await gp.update('ssh.configFile', undefined, vscode.ConfigurationTarget.Global); // fall through to remote.SSH
      await waitFor(
        'VS Code to read the folder settings',
        async () =>
          vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile')?.workspaceValue === evil ||
          undefined,
        15_000,
      );
      const user = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile')?.globalValue;
      assert.notEqual(services.ssh.userConfig, evil);
      assert.equal(
        services.ssh.userConfig,
        user ? user.replace(/^~(?=\/|$)/, homedir()) : join(homedir(), '.ssh', 'config'),
      );
      assert.ok(!existsSync(evil));
    } finally {
      rmSync(join(folder, '.vscode'), { recursive: true, force: true });
      await gp.update('ssh.configFile', ours, vscode.ConfigurationTarget.Global);
    }
  });
});
