import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AutoInput } from '../support/autoInput';
import type { AskedQuestion } from '../support/scriptedInput';
import {
  accountNode,
  disconnectAll,
  type RecordedWorkbench,
  revealView,
  script,
  waitForPodNode,
} from './support/gpuPods';
import { scanForSecrets } from './support/secretScan';
import { startSimulator, type SimulatorHandle } from './support/simulator';

const PASSWORD = 'dckr_pat_ItSecret-73190';
const NEW_PASSWORD = 'dckr_pat_ItRotated-55120';
const PRIVATE_IMAGE = 'registry.example.com/team/env:v1';

/** What the create wizard, the command and the summary showed: every question and message, for the secret scan. */
const asked: AskedQuestion[] = [];
const shown: RecordedWorkbench[] = [];
async function run(auto: AutoInput, command: string, arg?: unknown): Promise<RecordedWorkbench> {
  const { workbench } = await script(auto);
  asked.push(...auto.asked);
  shown.push(workbench);
  await vscode.commands.executeCommand(command, arg);
  return workbench;
}
const seen = () => ({
  asked,
  workbench: {
    infos: shown.flatMap((w) => w.infos),
    warnings: shown.flatMap((w) => w.warnings),
    errors: shown.flatMap((w) => w.errors),
    copied: shown.flatMap((w) => w.copied),
    opened: shown.flatMap((w) => w.opened),
  } as RecordedWorkbench,
});

describe('Private images on Yotta Labs: registry credentials managed from the editor', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  const bodies = (method: string, path: RegExp) =>
    sim.sim.requestsFor('yotta', method).filter((r) => path.test(r.path));

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'private', apiKey: 'yotta-private-key' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('Manage Registry Credentials… adds, updates and deletes a credential: Yotta receives exactly those requests', async () => {
    sim.sim.requests.length = 0;
    const account = await accountNode('yotta');
    const added = await run(
      new AutoInput({
        credential: 'Add credential…',
        credentialKind: 'Docker Hub',
        credentialName: 'hub-bot',
        credentialUsername: 'bot',
        credentialPassword: PASSWORD,
      }),
      'gpuPods.manageRegistryCredentials',
      account,
    );
    assert.deepEqual(
      bodies('POST', /^\/v2\/container-registry-auths$/).map((r) => r.body),
      [{ name: 'hub-bot', type: 'DOCKER_HUB', username: 'bot', password: PASSWORD }],
    );
    assert.deepEqual(added.infos, ['Added the registry credential "hub-bot" on Yotta Labs.']);
    const id = [...sim.sim.controls.yotta.state.credentials.values()].find((c) => c.name === 'hub-bot')!.id;

    await run(
      new AutoInput({
        credential: 'hub-bot',
        credentialAction: 'Update',
        credentialName: 'hub-bot-2',
        credentialUsername: '',
        credentialPassword: NEW_PASSWORD,
      }),
      'gpuPods.manageRegistryCredentials',
      account,
    );
    assert.deepEqual(
      bodies('PATCH', /^\/v2\/container-registry-auths\//).map((r) => [r.path, r.body]),
      [[`/v2/container-registry-auths/${id}`, { name: 'hub-bot-2', password: NEW_PASSWORD }]],
    );

    const deleted = await run(
      new AutoInput({ credential: 'hub-bot-2', credentialAction: 'Delete', confirmDeleteCredential: true }),
      'gpuPods.manageRegistryCredentials',
      account,
    );
    assert.deepEqual(
      bodies('DELETE', /^\/v2\/container-registry-auths\//).map((r) => r.path),
      [`/v2/container-registry-auths/${id}`],
    );
    assert.deepEqual(deleted.infos, ['Deleted the registry credential "hub-bot-2" on Yotta Labs.']);
  });

  it('the image step adds a credential inline and the pod is created with it (containerRegistryAuthId, PRIVATE)', async () => {
    sim.sim.requests.length = 0;
    const auto = new AutoInput({
      gpu: 'RTX 4090',
      image: 'Custom',
      'image.custom': PRIVATE_IMAGE,
      registryAuth: 'Add credential…',
      credentialKind: 'Other private registry',
      credentialName: 'work-registry',
      credentialUsername: 'ci-bot',
      credentialPassword: PASSWORD,
      name: 'it-private',
    });
    await run(auto, 'gpuPods.createPod', await accountNode('yotta'));
    const [made] = bodies('POST', /^\/v2\/container-registry-auths$/);
    assert.deepEqual(made.body, { name: 'work-registry', type: 'PRIVATE', username: 'ci-bot', password: PASSWORD });
    const id = [...sim.sim.controls.yotta.state.credentials.values()].find((c) => c.name === 'work-registry')!.id;
    const [create] = bodies('POST', /^\/v2\/pods$/).map((r) => r.body as Record<string, unknown>);
    assert.equal(create.image, 'team/env:v1');
    assert.equal(create.imageRegistry, 'registry.example.com');
    assert.equal(create.containerRegistryAuthId, Number(id));
    assert.equal(create.imagePublicType, 'PRIVATE');
    const summary = auto.asked.find((q) => q.id === 'summary')!;
    assert.ok(
      summary.items!.some((i) => i.label === 'Registry credential' && i.description === 'work-registry'),
      'the summary names the credential',
    );
  });

  it('refuses a private-registry image when no credential can be picked, before anything is sent, and says why', async () => {
    sim.sim.requests.length = 0;
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/container-registry-auths', status: 500, times: 5 });
    const workbench = await run(
      new AutoInput({
        gpu: 'RTX 4090',
        image: 'Custom',
        'image.custom': PRIVATE_IMAGE,
        name: 'it-refused',
        createFailed: 'Cancel',
      }),
      'gpuPods.createPod',
      await accountNode('yotta'),
    );
    sim.sim.clearFaults();
    assert.equal(bodies('POST', /^\/v2\/pods$/).length, 0, 'no create was sent');
    assert.ok(
      workbench.errors.some((e) =>
        e.includes(
          `Not sent: "${PRIVATE_IMAGE}" needs a registry credential (registry.example.com is not a public registry), and none can be given: the list of credentials could not be loaded.`,
        ),
      ),
      workbench.errors.join(' | '),
    );
  });

  it('the passwords are nowhere but in the requests: not in the log, global state, settings, messages or questions', async () => {
    await scanForSecrets([PASSWORD, NEW_PASSWORD], seen());
  });
});

describe('Private and saved images on Novita AI: credentials, Save Image… and the offer before deleting', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  const posts = (path: string) => sim.sim.requestsFor('novita', 'POST', path).map((r) => r.body);

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Novita AI', label: 'private', apiKey: 'novita-private-key' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('Manage Registry Credentials… saves and deletes a credential; Update is shown as not offered by Novita AI', async () => {
    sim.sim.requests.length = 0;
    const account = await accountNode('novita');
    await run(
      new AutoInput({
        credential: 'Add credential…',
        credentialName: 'hub',
        credentialUsername: 'me',
        credentialPassword: PASSWORD,
      }),
      'gpuPods.manageRegistryCredentials',
      account,
    );
    assert.deepEqual(posts('/repository/auth/save'), [{ name: 'hub', username: 'me', password: PASSWORD }]);
    const id = sim.sim.controls.novita.state.registryAuths.find((a) => a.name === 'hub')!.id;
    const auto = new AutoInput({ credential: 'hub', credentialAction: 'Delete', confirmDeleteCredential: true });
    await run(auto, 'gpuPods.manageRegistryCredentials', account);
    const update = auto.asked.find((q) => q.id === 'credentialAction')!.items!.find((i) => i.label === 'Update…')!;
    assert.equal(update.disabledReason, 'not offered by Novita AI: its API documents no update');
    assert.deepEqual(posts('/repository/auth/delete'), [{ id }]);
  });

  it('the image step adds a credential inline and the instance is created with imageAuthId', async () => {
    sim.sim.requests.length = 0;
    await run(
      new AutoInput({
        image: 'Custom',
        'image.custom': PRIVATE_IMAGE,
        imageAuthId: 'Add credential…',
        credentialName: 'work-registry',
        credentialUsername: 'ci-bot',
        credentialPassword: PASSWORD,
        name: 'it-private',
      }),
      'gpuPods.createPod',
      await accountNode('novita'),
    );
    const id = sim.sim.controls.novita.state.registryAuths.find((a) => a.name === 'work-registry')!.id;
    assert.deepEqual(posts('/repository/auth/save'), [
      { name: 'work-registry', username: 'ci-bot', password: PASSWORD },
    ]);
    const [create] = posts('/gpu/instance/create') as Array<Record<string, unknown>>;
    assert.equal(create.imageUrl, PRIVATE_IMAGE);
    assert.equal(create.imageAuthId, id);
    assert.ok(!('imageAuth' in create), 'the password never travels with the create');
  });

  it('Save Image… on an instance follows the save job to its end; the image is then offered by Create Pod', async () => {
    const podId = sim.sim.controls.novita.seedInstance({ name: 'keep-env' });
    const authId = sim.sim.controls.novita.state.registryAuths.find((a) => a.name === 'work-registry')!.id;
    sim.sim.requests.length = 0;
    const node = await waitForPodNode('novita', 'keep-env', 'running');
    const saved = 'registry.example.com/team/keep-env:v1';
    const workbench = await run(
      new AutoInput({ saveImageTarget: saved, saveImageCredential: 'work-registry' }),
      'gpuPods.saveImage',
      node,
    );
    assert.deepEqual(posts('/job/save/image'), [{ instanceId: podId, image: saved, registryAuthId: authId }]);
    const job = sim.sim.controls.novita.state.jobs[0];
    assert.equal(job.state, 'success', 'followed to its end');
    const looks = sim.sim.requestsFor('novita', 'GET', '/jobs');
    assert.ok(
      looks.length > 0 && looks.every((r) => r.query.includes(`jobId=${job.Id}`)),
      'followed through List Jobs',
    );
    assert.ok(
      workbench.infos.includes(`Saved "keep-env" as ${saved}; Create Pod on Novita AI offers it.`),
      workbench.infos.join(' | '),
    );

    sim.sim.requests.length = 0;
    const auto = new AutoInput({ image: 'Saved: ', name: 'it-from-saved' });
    await run(auto, 'gpuPods.createPod', await accountNode('novita'));
    const imageStep = auto.asked.find((q) => q.id === 'image')!;
    assert.ok(imageStep.items!.some((i) => i.label === `Saved: ${saved}` && i.description === 'from keep-env'));
    const credentialStep = auto.asked.find((q) => q.id === 'imageAuthId')!;
    assert.deepEqual(
      credentialStep.items!.filter((i) => i.picked).map((i) => i.label),
      ['work-registry'],
      'the credential it was saved with comes preselected',
    );
    const [create] = posts('/gpu/instance/create') as Array<Record<string, unknown>>;
    assert.equal(create.imageUrl, saved);
    assert.equal(create.imageAuthId, authId);
  });

  it('Delete on an instance offers to save it first: the save runs to its end, then the instance is deleted', async () => {
    const podId = sim.sim.controls.novita.seedInstance({ name: 'last-run' });
    const node = await waitForPodNode('novita', 'last-run', 'running');
    sim.sim.requests.length = 0;
    const auto = new AutoInput({
      saveBeforeTerminate: 'Save Image First',
      saveImageTarget: 'registry.example.com/team/last-run:final',
      saveImageCredential: 'None',
      confirmTerminate: true,
    });
    await run(auto, 'gpuPods.terminatePod', node);
    const offer = auto.asked.find((q) => q.id === 'saveBeforeTerminate')!;
    assert.equal(offer.title, 'Save "last-run" as an image before it is deleted?');
    assert.deepEqual(
      auto.asked.map((q) => q.id),
      ['saveBeforeTerminate', 'saveImageTarget', 'saveImageCredential', 'confirmTerminate'],
    );
    const order = sim.sim.requestsFor('novita', 'POST').map((r) => r.path);
    assert.deepEqual(
      order.filter((p) => p === '/job/save/image' || p === '/gpu/instance/delete'),
      ['/job/save/image', '/gpu/instance/delete'],
    );
    assert.deepEqual(posts('/job/save/image'), [
      { instanceId: podId, image: 'registry.example.com/team/last-run:final' },
    ]);
    assert.equal(sim.sim.controls.novita.state.jobs.find((j) => j.instanceId === podId)?.state, 'success');
  });

  it('the password is nowhere but in the requests: not in the log, global state, settings, messages or questions', async () => {
    await scanForSecrets([PASSWORD], seen());
  });
});
