import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS } from '../../../src/providers/clouds';
import { PALETTE_KEYS, paletteContext, WORKSPACE_SPEC_KEY } from '../../../src/views/paletteKeys';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
const paletteMenu = manifest.contributes.menus.commandPalette as Array<{ command: string; when?: string }>;
const commands = (manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command);

/**
 * The commands the palette offers for these context values. Palette clauses are kept to keys joined by `&&`
 * (and `false`); anything else fails here, so this reading of them stays the whole truth.
 */
function offered(clouds: Record<string, boolean>, workspaceHasSpec = false): string[] {
  const context: Record<string, boolean> = { ...clouds, [WORKSPACE_SPEC_KEY]: workspaceHasSpec };
  const when = new Map(paletteMenu.map((e) => [e.command, e.when]));
  const holds = (clause: string | undefined) =>
    clause === undefined ||
    clause.split('&&').every((term) => {
      const key = term.trim();
      if (key === 'false') return false;
      assert.match(key, /^gpuPods\.[\w.]+$/, `palette clause "${clause}" is more than keys joined by &&`);
      assert.ok(key in context, `palette clause reads ${key}, which activation never sets`);
      return context[key];
    });
  return commands.filter((id) => holds(when.get(id)));
}

const ALWAYS = [
  'gpuPods.connectCloud',
  'gpuPods.showLog',
  'gpuPods.connectToPod',
  'gpuPods.removeStaleSshEntries',
  'gpuPods.showSshIncludeLine',
  'gpuPods.openWalkthrough',
];

describe('palette context keys: the palette offers what the connected clouds can do', () => {
  it('with no account, offers only connecting, the log, the SSH file helpers, the walkthrough and the Remote entry', () => {
    assert.deepEqual(offered(paletteContext([])).sort(), [...ALWAYS].sort());
  });

  it('a cloud that says "pause" shows Pause/Resume and no Stop/Start; one that says "stop" the reverse', () => {
    const pauses = Object.values(CLOUDS).find((c) => c.palette.stopWord === 'pause' && c.palette.podActions.length > 1);
    const stops = Object.values(CLOUDS).find((c) => c.palette.stopWord === 'stop' && c.palette.podActions.length > 1);
    assert.ok(pauses && stops);
    const withPause = offered(paletteContext([pauses]));
    assert.ok(withPause.includes('gpuPods.pausePod') && withPause.includes('gpuPods.resumePod'));
    assert.ok(!withPause.includes('gpuPods.stopPod') && !withPause.includes('gpuPods.startPod'));
    const withStop = offered(paletteContext([stops]));
    assert.ok(withStop.includes('gpuPods.stopPod') && withStop.includes('gpuPods.startPod'));
    assert.ok(!withStop.includes('gpuPods.pausePod') && !withStop.includes('gpuPods.resumePod'));
    // both kinds connected: both words, each listing only its own clouds' pods (podLifecycle's `word`)
    const both = offered(paletteContext([pauses, stops]));
    for (const id of ['pausePod', 'resumePod', 'stopPod', 'startPod']) assert.ok(both.includes(`gpuPods.${id}`), id);
  });

  it('offers a cloud-specific command only when a connected cloud has it', () => {
    const none = {
      palette: {
        stopWord: 'stop' as const,
        podActions: ['terminate' as const],
        vms: false,
        volumes: false,
        endpoints: false,
        ports: false,
        alerts: false,
        credentials: false,
        imageSaves: false,
      },
      accountOptions: [],
    };
    const bare = offered(paletteContext([none]));
    for (const id of [
      'pausePod',
      'stopPod',
      'restartPod',
      'createVolume',
      'startEndpoint',
      'managePorts',
      'stopWhenIdle',
    ])
      assert.ok(!bare.includes(`gpuPods.${id}`), id);
    for (const id of ['notifyWhenAvailable', 'createVm', 'editAccount', 'manageRegistryCredentials', 'saveImage'])
      assert.ok(!bare.includes(`gpuPods.${id}`), id);
    assert.ok(bare.includes('gpuPods.terminatePod') && bare.includes('gpuPods.createPod'));
    const full = offered(
      paletteContext([
        {
          palette: {
            ...none.palette,
            podActions: ['restart'],
            vms: true,
            volumes: true,
            endpoints: true,
            ports: true,
            alerts: true,
            credentials: true,
            imageSaves: true,
          },
          accountOptions: [{}],
        },
      ]),
    );
    for (const id of [
      'restartPod',
      'createVolume',
      'startEndpoint',
      'managePorts',
      'notifyWhenAvailable',
      'createVm',
      'editAccount',
      'manageRegistryCredentials',
      'saveImage',
    ])
      assert.ok(full.includes(`gpuPods.${id}`), id);
  });

  it('every key is read by some palette clause, and every registered cloud turns on at least one command', () => {
    const clauses = paletteMenu.map((e) => e.when ?? '').join(' ');
    for (const key of PALETTE_KEYS) assert.match(clauses, new RegExp(`gpuPods\\.palette\\.${key}\\b`), key);
    for (const cloud of Object.values(CLOUDS)) {
      assert.ok(offered(paletteContext([cloud])).length > ALWAYS.length, cloud.id);
    }
  });
});

describe('Create Pod from Workspace Spec in the palette', () => {
  it('is offered only while a workspace folder has the spec and an account is connected', () => {
    const cloud = Object.values(CLOUDS)[0];
    assert.ok(offered(paletteContext([cloud]), true).includes('gpuPods.createPodFromWorkspaceSpec'));
    assert.ok(!offered(paletteContext([cloud]), false).includes('gpuPods.createPodFromWorkspaceSpec'));
    assert.ok(!offered(paletteContext([]), true).includes('gpuPods.createPodFromWorkspaceSpec'));
  });
});

describe('the Remote indicator menu (statusBar/remoteIndicator)', () => {
  it('offers Connect to a GPU Pod… under a group name VS Code accepts (others are dropped with a log line)', () => {
    const entries = manifest.contributes.menus['statusBar/remoteIndicator'] as Array<{
      command: string;
      group: string;
    }>;
    assert.deepEqual(
      entries.map((e) => e.command),
      ['gpuPods.connectToPod'],
    );
    // VS Code's remoteIndicator.ts: `remote_$ORDER_$REMOTENAME_$GROUPING`, the `@order` suffix split off first.
    for (const e of entries)
      assert.match(e.group.split('@')[0], /^(remote|virtualfs)_(\d\d)_(([a-z][a-z0-9+.-]*)_(.*))$/);
  });
});
